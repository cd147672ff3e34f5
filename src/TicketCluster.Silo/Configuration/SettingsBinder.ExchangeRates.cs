using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Configuration;

internal static partial class SettingsBinder
{
    /// <summary>The reporting currency and its dated rates: <c>ExchangeRates:ReportingCurrency</c> = <c>CNY</c>,
    /// <c>ExchangeRates:Rates:USD:2026-12-01</c> = <c>7.12</c> (one unit of USD in CNY from that UTC date on).
    /// Null when no reporting currency is configured; rates without one are an error.</summary>
    private static ExchangeRateTable? BindExchangeRates(IConfigurationSection section, SectionReader reader)
    {
        var reporting = reader.Text(section, "ReportingCurrency");
        var ratesSection = section.GetSection("Rates");
        reader.Map(ratesSection);
        var currencies = ratesSection.GetChildren().ToList();
        if (reporting is null)
        {
            if (currencies.Count > 0)
            {
                reader.Fail($"{section.Path}:ReportingCurrency", "is required when rates are configured.");
            }

            return null;
        }

        if (!Currencies.IsKnown(reporting))
        {
            reader.Fail($"{section.Path}:ReportingCurrency", $"'{reporting}' is not an ISO 4217 currency code.");
            return null;
        }

        var table = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<ExchangeRate>>(StringComparer.Ordinal);
        foreach (var currency in currencies)
        {
            if (!Currencies.IsKnown(currency.Key) || currency.Key == reporting)
            {
                reader.Fail(currency.Path, $"'{currency.Key}' is not an ISO 4217 currency code other than the reporting currency {reporting}.");
                continue;
            }

            var rates = ImmutableArray.CreateBuilder<ExchangeRate>();
            foreach (var dated in currency.GetChildren())
            {
                if (!DateOnly.TryParseExact(dated.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                {
                    reader.Fail(dated.Path, $"'{dated.Key}' is not an effective date (yyyy-MM-dd).");
                }
                else if (!decimal.TryParse(dated.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                {
                    reader.Fail(dated.Path, $"'{dated.Value}' is not a positive rate.");
                }
                else
                {
                    rates.Add(new ExchangeRate(from, rate));
                }
            }

            table[currency.Key] = [.. rates.OrderBy(r => r.EffectiveFrom)];
        }

        return new ExchangeRateTable(reporting, table.ToImmutable());
    }
}
