using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>The result of sending a command to a ticket: the ticket after it, and the events it caused,
/// or the domain's typed rejection (the ticket unchanged).</summary>
[GenerateSerializer, Immutable, Alias("tc.TicketOutcome")]
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
    [GenerateSerializer, Alias("tc.TicketOutcome.KeyedReplay")]
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
    [Id(0)]
    public TicketState? Ticket { get; }

    /// <summary>The events the command appended; empty when rejected or when it changed nothing.</summary>
    [Id(1)]
    public ImmutableArray<TicketEvent> Events { get; }

    [Id(2)]
    public TicketRejection? Rejection { get; }

    /// <summary>The caller named a version (HTTP <c>If-Match</c>) and the ticket is at another one: nothing
    /// was decided. <see cref="Ticket"/> is the ticket as it is.</summary>
    [Id(3)]
    public bool IsStale { get; }

    /// <summary>Whether an earlier command with the same idempotency key answered this one.</summary>
    [Id(4)]
    public KeyedReplay Replay { get; }

    public bool IsAccepted => Rejection is null && !IsStale && Replay != KeyedReplay.KeyReused;

    internal static TicketOutcome Accepted(TicketState ticket, ImmutableArray<TicketEvent> events) => new(ticket, events, null);

    internal static TicketOutcome Rejected(TicketState? ticket, TicketRejection rejection) => new(ticket, [], rejection);

    internal static TicketOutcome Stale(TicketState? ticket) => new(ticket, [], null, isStale: true);

    internal static TicketOutcome Replayed(TicketState ticket) => new(ticket, [], null, replay: KeyedReplay.Replayed);

    internal static TicketOutcome KeyReused(TicketState? ticket) => new(ticket, [], null, replay: KeyedReplay.KeyReused);

    public override string ToString() => Replay != KeyedReplay.None ? Replay.ToString() : IsStale ? "Stale" : IsAccepted ? $"Accepted({Events.Length} events)" : $"Rejected({Rejection})";
}

/// <summary>An intake turn's outcome, and whether it opened the ticket (otherwise it merged a contact).
/// <see cref="KeyOwner"/>: the intake was not taken because another ticket holds one of its keys (a race
/// of two intakes with one key, settled by the database); answer with that ticket.</summary>
[GenerateSerializer, Immutable, Alias("tc.IntakeTurn")]
public sealed record IntakeTurn([property: Id(0)] TicketOutcome Outcome, [property: Id(1)] bool Opened, [property: Id(2)] string? KeyOwner = null);

/// <summary>
/// Who submitted an intake (<see cref="IntakeRequest.Submitter"/>), the gateway's <c>Idempotency-Key</c> if
/// any, and the intake's fingerprint: the keys are recorded in the submitter's own scopes, and the
/// fingerprint under the idempotency key.
/// </summary>
[GenerateSerializer, Immutable, Alias("tc.IntakeKeys")]
public sealed record IntakeKeys([property: Id(0)] string Submitter, [property: Id(1)] string? IdempotencyKey, [property: Id(2)] string Fingerprint);

/// <summary>The ticket an earlier intake was taken into, and whether that intake had the same
/// idempotency key with another body.</summary>
[GenerateSerializer, Immutable, Alias("tc.IntakeReplay")]
public sealed record IntakeReplay([property: Id(0)] TicketState? Ticket, [property: Id(1)] bool BodyDiffers);
