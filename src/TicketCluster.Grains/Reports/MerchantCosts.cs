using System.Collections.Immutable;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>
/// What each merchant pays and receives on the tickets created in [<see cref="From"/>, <see cref="To"/>):
/// their money lines (<see cref="MoneyLine"/>, docs/domain.md, Who pays) summed per merchant and per
/// currency — amounts in different currencies are never added together.
/// </summary>
/// <param name="Tickets">Tickets created in the range.</param>
/// <param name="WithMoneyLines">Of them, the tickets with at least one line the merchant pays or receives.</param>
/// <param name="Merchants">Merchant id → currency → totals (ordinal order).</param>
public sealed record MerchantCostReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Tickets,
    int WithMoneyLines,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, MerchantCostTotals>> Merchants)
{
    /// <summary>The same lines in the reporting currency, when exchange rates are configured; null otherwise.</summary>
    public MerchantCostsInReportingCurrency? Reporting { get; init; }

    /// <summary>Reads the report: the ticket rows created in the range, then each ticket's state (a ticket's
    /// lines are not in its query row, so every ticket of the range is read: the range is kept short).</summary>
    public static async Task<MerchantCostReport> ReadAsync(
        ITicketQueries queries, IGrainFactory grains, DateTimeOffset from, DateTimeOffset to, ExchangeRateTable? rates, CancellationToken cancellationToken)
    {
        var (tickets, withLines) = await TicketsCreated.ReadAsync(queries, grains, from, to, _ => true, t => !t.MoneyLines.IsEmpty, cancellationToken);
        return Of(from, to, tickets, withLines, rates);
    }

    /// <summary>The report of <paramref name="withLines"/> (tickets with money lines) out of <paramref name="tickets"/>.</summary>
    public static MerchantCostReport Of(DateTimeOffset from, DateTimeOffset to, int tickets, IReadOnlyList<TicketState> withLines, ExchangeRateTable? rates = null)
    {
        ArgumentNullException.ThrowIfNull(withLines);
        var own = withLines.SelectMany(t => t.MoneyLines.Where(l => l.Concerns(CostParty.Merchant)).Select(l => (Ticket: t, Line: l))).ToList();
        var lines = own.Select(x => (Merchant: x.Ticket.Order.MerchantId, x.Line)).ToList();
        return new MerchantCostReport(
            from,
            to,
            tickets,
            withLines.Count(t => t.MoneyLines.Any(l => l.Concerns(CostParty.Merchant))),
            lines
                .GroupBy(x => x.Merchant, StringComparer.Ordinal)
                .ToImmutableSortedDictionary(
                    m => m.Key,
                    m => (IReadOnlyDictionary<string, MerchantCostTotals>)m
                        .GroupBy(x => x.Line.Amount.Currency, StringComparer.Ordinal)
                        .ToImmutableSortedDictionary(c => c.Key, c => MerchantCostTotals.Of(c.Select(x => x.Line)), StringComparer.Ordinal),
                    StringComparer.Ordinal))
        {
            Reporting = rates is null ? null : MerchantCostsInReportingCurrency.Of(rates, own),
        };
    }
}

/// <summary>One merchant's lines in one currency: what it pays, what it receives, the difference, and what
/// it pays by kind of line (kebab-case keys).</summary>
public sealed record MerchantCostTotals(decimal Pays, decimal Receives, decimal Net, IReadOnlyDictionary<string, decimal> PaysByKind, int Lines)
{
    public static MerchantCostTotals Of(IEnumerable<MoneyLine> lines)
    {
        var all = lines.ToList();
        var pays = all.Where(l => l.Payer == CostParty.Merchant).ToList();
        var paid = pays.Sum(l => l.Amount.Amount);
        var received = all.Where(l => l.Payee == CostParty.Merchant).Sum(l => l.Amount.Amount);
        return new MerchantCostTotals(
            paid,
            received,
            paid - received,
            pays.GroupBy(l => JsonNamingPolicy.KebabCaseLower.ConvertName(l.Kind.ToString()), StringComparer.Ordinal)
                .ToImmutableSortedDictionary(g => g.Key, g => g.Sum(l => l.Amount.Amount), StringComparer.Ordinal),
            all.Count);
    }
}
