using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// What the storage provider writes with a ticket's state, in the same transaction: its query row, the
/// intake keys added since the version the write expects, the earliest pending tick of its counting clocks
/// and the time of its oldest unacknowledged event (the sweeper's two indexes). A pure function of the
/// state, so the provider needs nothing from the grain but the state it writes.
/// </summary>
public static class TicketWriteProjection
{
    /// <summary>The extras of writing <paramref name="state"/> over row version
    /// <paramref name="expectedRowVersion"/> (0: no row yet); null before intake (no ticket, no row).</summary>
    public static TicketWriteExtras? Project(TicketGrainState state, long expectedRowVersion)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Ticket is not { } ticket)
        {
            return null;
        }

        var updatedAt = state.Events.IsEmpty ? ticket.OpenedAt : state.Events[^1].At;
        return new TicketWriteExtras(
            TicketQueryRows.From(ticket, state.Events, updatedAt),
            [.. state.IntakeKeys.Where(k => k.RecordedAtVersion > expectedRowVersion).Select(k => new IdempotencyRecord(k.Scope, k.Key))],
            ticket.PendingTicks.Select(t => t.DueAt).Order().Cast<DateTimeOffset?>().FirstOrDefault(),
            TicketDeliveries.PendingSince(state));
    }
}

/// <summary>A ticket write's extras (<see cref="TicketWriteProjection.Project"/>): the query row as
/// today's table has it, the keys to record, and the two sweep columns the row gains.</summary>
public sealed record TicketWriteExtras(
    TicketQueryRow QueryRow,
    IReadOnlyList<IdempotencyRecord> KeysToRecord,
    DateTimeOffset? NextTickAt,
    DateTimeOffset? EventsPendingSince);
