using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Reports;

/// <summary>The one read the per-ticket reports share: the tickets created in [from, to), each read in full
/// when its query row says it may matter. Kept apart from the reports' arithmetic so only this read moves
/// when the storage does.</summary>
internal static class TicketsCreated
{
    /// <summary>How many tickets were created in the range, and the states of those whose row passes
    /// <paramref name="worthReading"/> and whose state passes <paramref name="keep"/>.</summary>
    public static async Task<(int Tickets, List<TicketState> Kept)> ReadAsync(
        ITicketQueries queries, IGrainFactory grains, DateTimeOffset from, DateTimeOffset to, Func<TicketQueryRow, bool> worthReading, Func<TicketState, bool> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var kept = new List<TicketState>();
        var tickets = await VisitAsync(queries, from, to, async row =>
        {
            if (worthReading(row) && await grains.GetGrain<ITicketGrain>(row.TicketId).GetAsync() is { } ticket && keep(ticket))
            {
                kept.Add(ticket);
            }
        }, cancellationToken);
        return (tickets, kept);
    }

    /// <summary>Calls <paramref name="visit"/> with the query row of each ticket created in [from, to), one at a
    /// time, and answers how many there were. (The row read may start before <paramref name="from"/>; those
    /// rows are skipped here.)</summary>
    public static async Task<int> VisitAsync(
        ITicketQueries queries, DateTimeOffset from, DateTimeOffset to, Func<TicketQueryRow, Task> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(visit);
        var tickets = 0;
        await foreach (var row in queries.ReadTicketRowsCreatedAsync(from, to, cancellationToken))
        {
            if (row.CreatedAt < from)
            {
                continue;
            }

            tickets++;
            await visit(row);
        }

        return tickets;
    }
}
