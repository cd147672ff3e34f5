using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// What a ticket grain persists: the ticket as its events made it (null before intake) and the events
/// themselves, which are the audit trail. Replaying <see cref="Events"/> reproduces <see cref="Ticket"/>.
/// </summary>
public sealed record TicketGrainState
{
    public TicketState? Ticket { get; init; }

    public ImmutableList<TicketEvent> Events { get; init; } = [];
}
