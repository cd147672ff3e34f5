using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>The result of sending a command to a ticket: the ticket after it, and the events it caused,
/// or the domain's typed rejection (the ticket unchanged).</summary>
public sealed class TicketOutcome
{
    private TicketOutcome(TicketState? ticket, ImmutableArray<TicketEvent> events, TicketRejection? rejection, bool isStale = false, KeyedReplay replay = KeyedReplay.None)
    {
        Ticket = ticket;
        Events = events;
        Rejection = rejection;
        IsStale = isStale;
        Replay = replay;
    }

    /// <summary>How a command sent with an idempotency key met an earlier one with the same key.</summary>
    public enum KeyedReplay
    {
        /// <summary>No earlier command had the key: the command was decided.</summary>
        None,

        /// <summary>The same command was accepted before: <see cref="Ticket"/> is the ticket right after it,
        /// and nothing changed now.</summary>
        Replayed,

        /// <summary>Another command was accepted under the key: nothing was decided.</summary>
        KeyReused,
    }

    /// <summary>The ticket after the command (before it, when rejected); null when no ticket exists.</summary>
    public TicketState? Ticket { get; }

    /// <summary>The events the command appended; empty when rejected or when it changed nothing.</summary>
    public ImmutableArray<TicketEvent> Events { get; }

    public TicketRejection? Rejection { get; }

    /// <summary>The caller named a version (HTTP <c>If-Match</c>) and the ticket is at another one: nothing
    /// was decided. <see cref="Ticket"/> is the ticket as it is.</summary>
    public bool IsStale { get; }

    /// <summary>Whether an earlier command with the same idempotency key answered this one.</summary>
    public KeyedReplay Replay { get; }

    public bool IsAccepted => Rejection is null && !IsStale && Replay != KeyedReplay.KeyReused;

    internal static TicketOutcome Accepted(TicketState ticket, ImmutableArray<TicketEvent> events) => new(ticket, events, null);

    internal static TicketOutcome Rejected(TicketState? ticket, TicketRejection rejection) => new(ticket, [], rejection);

    internal static TicketOutcome Stale(TicketState? ticket) => new(ticket, [], null, isStale: true);

    internal static TicketOutcome Replayed(TicketState ticket) => new(ticket, [], null, replay: KeyedReplay.Replayed);

    internal static TicketOutcome KeyReused(TicketState? ticket) => new(ticket, [], null, replay: KeyedReplay.KeyReused);

    public override string ToString() => Replay != KeyedReplay.None ? Replay.ToString() : IsStale ? "Stale" : IsAccepted ? $"Accepted({Events.Length} events)" : $"Rejected({Rejection})";
}

/// <summary>An intake turn's outcome, and whether it opened the ticket (otherwise it merged a contact).</summary>
public sealed record IntakeTurn(TicketOutcome Outcome, bool Opened);

/// <summary>
/// Who submitted an intake (<see cref="IntakeRequest.Submitter"/>), the gateway's <c>Idempotency-Key</c> if
/// any, and the intake's fingerprint: the keys are recorded in the submitter's own scopes, and the
/// fingerprint under the idempotency key.
/// </summary>
public sealed record IntakeKeys(string Submitter, string? IdempotencyKey, string Fingerprint);

/// <summary>The ticket an earlier intake was taken into, and whether that intake had the same
/// idempotency key with another body.</summary>
public sealed record IntakeReplay(TicketState? Ticket, bool BodyDiffers);
