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
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(grains);
        var tickets = 0;
        var kept = new List<TicketState>();
        await foreach (var row in queries.ReadTicketRowsCreatedAsync(from, to, cancellationToken))
        {
            if (row.CreatedAt < from)
            {
                continue;
            }

            tickets++;
            if (worthReading(row) && await grains.GetGrain<ITicketGrain>(row.TicketId).GetAsync() is { } ticket && keep(ticket))
            {
                kept.Add(ticket);
            }
        }

        return (tickets, kept);
    }
}
