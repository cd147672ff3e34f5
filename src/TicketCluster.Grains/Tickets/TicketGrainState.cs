using System.Collections.Immutable;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Parties;
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

    // What follows came with the grains on Orleans (docs/grains.md, "The grains on Orleans"): states written
    // before the move read as empty.

    /// <summary>Facts for the customer not yet acknowledged by its grain, oldest first.</summary>
    public ImmutableList<Sequenced<CustomerFact>> PendingCustomerFacts { get; init; } = [];

    /// <summary>The part of the merchant's scorecard this ticket's merchant facts go to
    /// (<see cref="Merchants.MerchantParts"/>), chosen when the ticket opens; null for a ticket opened before
    /// scorecards had parts, whose facts keep going to the merchant grain itself.</summary>
    public int? MerchantPart { get; init; }

    /// <summary>Facts for the merchant not yet acknowledged by its grain, oldest first.</summary>
    public ImmutableList<Sequenced<MerchantFact>> PendingMerchantFacts { get; init; } = [];

    /// <summary>Events owed to webhook subscriptions (by sequence, the event itself is in
    /// <see cref="Events"/>), oldest first, until each subscription's feed acknowledges them.</summary>
    public ImmutableList<WebhookOwed> PendingWebhooks { get; init; } = [];

    /// <summary>The intake keys this ticket holds, each with the row version of the write that added it:
    /// the storage records a key once, in that write (<see cref="TicketWriteProjection"/>).</summary>
    public ImmutableList<IntakeKeyRecord> IntakeKeys { get; init; } = [];

    /// <summary>The messages to the customer, oldest first, with their delivery (queued, retrying, sent,
    /// failed): written with the turn that caused them, before any send (docs/silo.md, Outbound messages).</summary>
    public ImmutableList<OutboundMessage> Messages { get; init; } = [];
}

/// <summary>An event (by its sequence and time) owed to a webhook subscription.</summary>
public sealed record WebhookOwed(string SubscriptionId, long Sequence, DateTimeOffset At);

/// <summary>An intake key and the row version of the state write that added it.</summary>
public sealed record IntakeKeyRecord(string Scope, string Key, long RecordedAtVersion);

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
[GenerateSerializer, Immutable, Alias("tc.CommandKey")]
public sealed record CommandKey([property: Id(0)] string Key, [property: Id(1)] string Fingerprint);
