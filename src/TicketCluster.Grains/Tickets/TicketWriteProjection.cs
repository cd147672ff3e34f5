using Orleans.Runtime;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// What the storage provider writes with a ticket's state, in the same transaction: its query row (with the
/// earliest pending tick of its counting clocks and the time of its oldest unacknowledged event, the
/// sweeper's two indexes) and the intake keys added since the version the write expects. A pure function of
/// the state, so the provider needs nothing from the grain but the state it writes.
/// </summary>
public static class TicketWriteProjection
{
    /// <summary>The extras of writing <paramref name="state"/> over row version
    /// <paramref name="expectedRowVersion"/> (0: no row yet); null before intake (no ticket, no row).</summary>
    public static StateWriteExtras? Project(TicketGrainState state, long expectedRowVersion)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Ticket is not { } ticket)
        {
            return null;
        }

        var updatedAt = state.Events.IsEmpty ? ticket.OpenedAt : state.Events[^1].At;
        var row = TicketQueryRows.From(ticket, state.Events, updatedAt) with
        {
            NextTickAt = ticket.PendingTicks.Select(t => t.DueAt).Order().Cast<DateTimeOffset?>().FirstOrDefault(),
            EventsPendingSince = TicketDeliveries.PendingSince(state),
        };
        return new StateWriteExtras(row, [.. state.IntakeKeys.Where(k => k.RecordedAtVersion > expectedRowVersion).Select(k => new IdempotencyRecord(k.Scope, k.Key))]);
    }
}

/// <summary>The grains' <see cref="IStateWriteProjection"/>: tickets have extras, customers and merchants
/// none.</summary>
internal sealed class GrainStateWriteProjection : IStateWriteProjection
{
    public StateWriteExtras? Project(GrainId grainId, object state, long expectedRowVersion) =>
        state is TicketGrainState ticket ? TicketWriteProjection.Project(ticket, expectedRowVersion) : null;
}
