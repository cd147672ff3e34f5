using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>The result of sending a command to a ticket: the ticket after it, and the events it caused,
/// or the domain's typed rejection (the ticket unchanged).</summary>
public sealed class TicketOutcome
{
    private TicketOutcome(TicketState? ticket, ImmutableArray<TicketEvent> events, TicketRejection? rejection, bool isStale = false)
    {
        Ticket = ticket;
        Events = events;
        Rejection = rejection;
        IsStale = isStale;
    }

    /// <summary>The ticket after the command (before it, when rejected); null when no ticket exists.</summary>
    public TicketState? Ticket { get; }

    /// <summary>The events the command appended; empty when rejected or when it changed nothing.</summary>
    public ImmutableArray<TicketEvent> Events { get; }

    public TicketRejection? Rejection { get; }

    /// <summary>The caller named a version (HTTP <c>If-Match</c>) and the ticket is at another one: nothing
    /// was decided. <see cref="Ticket"/> is the ticket as it is.</summary>
    public bool IsStale { get; }

    public bool IsAccepted => Rejection is null && !IsStale;

    internal static TicketOutcome Accepted(TicketState ticket, ImmutableArray<TicketEvent> events) => new(ticket, events, null);

    internal static TicketOutcome Rejected(TicketState? ticket, TicketRejection rejection) => new(ticket, [], rejection);

    internal static TicketOutcome Stale(TicketState? ticket) => new(ticket, [], null, isStale: true);

    public override string ToString() => IsStale ? "Stale" : IsAccepted ? $"Accepted({Events.Length} events)" : $"Rejected({Rejection})";
}

/// <summary>An intake turn's outcome, and whether it opened the ticket (otherwise it merged a contact).</summary>
public sealed record IntakeTurn(TicketOutcome Outcome, bool Opened);
