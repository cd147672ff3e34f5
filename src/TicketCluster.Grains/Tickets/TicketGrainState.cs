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

    /// <summary>The fingerprint of each intake taken here under an <c>Idempotency-Key</c>, by the key's
    /// scope and value (<see cref="TicketKeys.IntakeKeyId"/>): a replay with another body is refused.</summary>
    public ImmutableDictionary<string, string> IntakeFingerprints { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Commands accepted with an <c>Idempotency-Key</c>, oldest first, at most
    /// <see cref="CommandKeyRecord.MaxPerTicket"/>.</summary>
    public ImmutableList<CommandKeyRecord> CommandKeys { get; init; } = [];
}

/// <summary>
/// A command accepted under an idempotency key: the key (scoped to its sender), the fingerprint of the
/// command, and the ticket's version right after it. A retry with the same key and fingerprint is answered
/// with the ticket at that version and changes nothing.
/// </summary>
public sealed record CommandKeyRecord(string Key, string Fingerprint, long Version)
{
    /// <summary>How many keyed commands a ticket remembers; the oldest is forgotten first. A ticket takes
    /// far fewer payment-style commands than this in its life.</summary>
    public const int MaxPerTicket = 64;
}

/// <summary>An idempotency key sent with a command: <see cref="Key"/> is already scoped to the sender.</summary>
public sealed record CommandKey(string Key, string Fingerprint);
