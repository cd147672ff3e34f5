using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>A rate into the reporting currency, in effect from <see cref="EffectiveFrom"/> (a UTC date)
/// until the next rate of its currency.</summary>
public readonly record struct ExchangeRate(DateOnly EffectiveFrom, decimal Rate);

/// <summary>
/// The dated exchange rates reports convert with (docs/domain.md, Reporting currency): per currency, the
/// rates into <see cref="ReportingCurrency"/> by the date they take effect. An amount dated before its
/// currency's first rate, or in a currency without rates, has no conversion: a report shows it
/// unconverted rather than invent a rate.
/// </summary>
public sealed record ExchangeRateTable(string ReportingCurrency, ImmutableSortedDictionary<string, ImmutableArray<ExchangeRate>> Rates)
{
    /// <summary><paramref name="amount"/> in the reporting currency on <paramref name="on"/>, or null when
    /// no rate is in effect that day.</summary>
    public decimal? Convert(Money amount, DateOnly on)
    {
        if (amount.Currency == ReportingCurrency)
        {
            return amount.Amount;
        }

        if (!Rates.TryGetValue(amount.Currency, out var rates))
        {
            return null;
        }

        ExchangeRate? effective = null;
        foreach (var rate in rates)
        {
            if (rate.EffectiveFrom <= on && (effective is null || rate.EffectiveFrom > effective.Value.EffectiveFrom))
            {
                effective = rate;
            }
        }

        return effective is { } r ? amount.Amount * r.Rate : null;
    }
}
