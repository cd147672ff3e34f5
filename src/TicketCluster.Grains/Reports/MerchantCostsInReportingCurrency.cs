using System.Collections.Immutable;
using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Reports;

/// <summary>
/// The merchants' lines in the reporting currency (<see cref="ExchangeRateTable"/>): each line converted at
/// the rate in effect on its UTC date. A line whose date has no rate is listed in <see cref="Unconverted"/>
/// and left out of the totals — never converted with an invented rate.
/// </summary>
public sealed record MerchantCostsInReportingCurrency(
    string Currency,
    IReadOnlyDictionary<string, ConvertedCostTotals> Merchants,
    ImmutableArray<UnconvertedMoneyLine> Unconverted)
{
    public static MerchantCostsInReportingCurrency Of(ExchangeRateTable rates, IEnumerable<(TicketState Ticket, MoneyLine Line)> lines)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var converted = new List<(string Merchant, MoneyLine Line, decimal Amount)>();
        var unconverted = ImmutableArray.CreateBuilder<UnconvertedMoneyLine>();
        foreach (var (ticket, line) in lines)
        {
            var on = DateOnly.FromDateTime((line.At ?? ticket.OpenedAt).UtcDateTime);
            if (rates.Convert(line.Amount, on) is { } amount)
            {
                converted.Add((ticket.Order.MerchantId, line, amount));
            }
            else
            {
                unconverted.Add(new UnconvertedMoneyLine(ticket.TicketId, ticket.Order.MerchantId, JsonNamingPolicy.KebabCaseLower.ConvertName(line.Kind.ToString()), line.Amount, on));
            }
        }

        return new MerchantCostsInReportingCurrency(
            rates.ReportingCurrency,
            converted
                .GroupBy(x => x.Merchant, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(
                    m => m.Key,
                    m =>
                    {
                        var pays = m.Where(x => x.Line.Payer == CostParty.Merchant).Sum(x => x.Amount);
                        var receives = m.Where(x => x.Line.Payee == CostParty.Merchant).Sum(x => x.Amount);
                        return new ConvertedCostTotals(pays, receives, pays - receives);
                    },
                    StringComparer.Ordinal),
            unconverted.ToImmutable());
    }
}

/// <summary>A merchant's converted lines: what it pays, receives, and the difference, in the reporting currency.</summary>
public sealed record ConvertedCostTotals(decimal Pays, decimal Receives, decimal Net);

/// <summary>A line the report could not convert: no rate of its currency was in effect on its date.</summary>
public sealed record UnconvertedMoneyLine(string TicketId, string MerchantId, string Kind, Money Amount, DateOnly Date);
