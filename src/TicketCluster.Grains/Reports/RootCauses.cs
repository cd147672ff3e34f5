using System.Collections.Immutable;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>
/// Why the tickets created in [<see cref="From"/>, <see cref="To"/>) happened and what was done about it:
/// the resolved tickets with a root cause (<see cref="TicketState.RootCause"/>), counted by category and by
/// merchant, with every corrective action.
/// </summary>
/// <param name="Tickets">Tickets created in the range.</param>
/// <param name="WithRootCause">Of them, the resolved tickets whose resolution named a root cause.</param>
/// <param name="ByCategory">Category → root cause → tickets (kebab-case keys, ordinal order).</param>
/// <param name="ByMerchant">Merchant id → root cause → tickets.</param>
public sealed record RootCauseReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Tickets,
    int WithRootCause,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByCategory,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByMerchant,
    ImmutableArray<CorrectiveActionEntry> CorrectiveActions)
{
    /// <summary>Reads the report: the ticket rows created in the range, then each resolved ticket's state.</summary>
    public static async Task<RootCauseReport> ReadAsync(ITicketQueries queries, IGrainFactory grains, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (tickets, resolved) = await TicketsCreated.ReadAsync(queries, grains, from, to, row => row.ResolvedAt is not null, t => t.RootCause is not null, cancellationToken);
        return Of(from, to, tickets, resolved);
    }

    /// <summary>The report of <paramref name="resolved"/> (tickets with a root cause) out of <paramref name="tickets"/>.</summary>
    public static RootCauseReport Of(DateTimeOffset from, DateTimeOffset to, int tickets, IReadOnlyList<TicketState> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return new RootCauseReport(
            from,
            to,
            tickets,
            resolved.Count,
            CountBy(resolved, t => Kebab(t.Category)),
            CountBy(resolved, t => t.Order.MerchantId),
            [.. resolved
                .Where(t => t.CorrectiveAction is not null)
                .OrderBy(t => t.ResolvedAt).ThenBy(t => t.TicketId, StringComparer.Ordinal)
                .Select(t => new CorrectiveActionEntry(t.TicketId, t.Order.MerchantId, Kebab(t.Category), Kebab(t.RootCause!.Value), t.CorrectiveAction!, t.ResolvedAt))]);
    }

    private static ImmutableSortedDictionary<string, IReadOnlyDictionary<string, int>> CountBy(IEnumerable<TicketState> tickets, Func<TicketState, string> key) =>
        tickets
            .GroupBy(key, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, int>)g.GroupBy(t => Kebab(t.RootCause!.Value), StringComparer.Ordinal).ToImmutableSortedDictionary(c => c.Key, c => c.Count(), StringComparer.Ordinal),
                StringComparer.Ordinal);

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}

/// <summary>One corrective action: the ticket, its merchant and category, the root cause it corrects.</summary>
public sealed record CorrectiveActionEntry(string TicketId, string MerchantId, string Category, string RootCause, string Action, DateTimeOffset? ResolvedAt);
