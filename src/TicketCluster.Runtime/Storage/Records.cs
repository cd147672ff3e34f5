using TicketCluster.Storage;

namespace TicketCluster.Runtime.Storage;

/// <summary>A grain's stored state. <see cref="Version"/> is the ETag: it starts at 1 and every
/// committed write of the state increments it.</summary>
public sealed record GrainRecord(GrainId Grain, byte[] State, long Version);

/// <summary>A reminder as registered: one-shot when <see cref="Period"/> is null.</summary>
public sealed record ReminderEntry(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan? Period);

/// <summary>Registers a reminder, or replaces the one of the same name (a replaced reminder's live
/// claim is voided: its fencing number moves on).</summary>
public sealed record ReminderRegistration(string Name, DateTimeOffset DueAt, TimeSpan? Period);

/// <summary>A reminder claimed for firing. <see cref="Fence"/> must accompany its completion.</summary>
public sealed record ClaimedReminder(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan? Period, long Fence, DateTimeOffset ClaimedAt);

/// <summary>Completes a fired reminder in the same transaction as the turn it caused: a one-shot
/// reminder is removed, a periodic one moves to its next due time after <c>now</c> and is released.
/// If the write also registers a reminder of the same name, the registration wins.</summary>
public sealed record ReminderCompletion(string Name, long Fence);

/// <summary>An event leaving a grain for a subscriber (another grain, or a webhook subscription
/// addressed as a grain id of type <c>webhook</c>). <see cref="EventId"/> is unique per target.</summary>
public sealed record OutboxMessage(Guid EventId, GrainId Source, GrainId Target, string Type, byte[] Payload, DateTimeOffset CreatedAt);

/// <summary>An outbox message claimed for delivery.</summary>
public sealed record ClaimedOutboxMessage(long Sequence, long Fence, OutboxMessage Message);

/// <summary>Marks a claimed outbox message delivered.</summary>
public readonly record struct OutboxCompletion(long Sequence, long Fence);

/// <summary>
/// Everything one grain turn changes, committed atomically.
/// </summary>
/// <param name="Grain">The writing grain.</param>
/// <param name="ExpectedVersion">The version the turn read: 0 when the grain had no stored state.
/// Ignored when <paramref name="State"/> is null.</param>
/// <param name="State">The new state, or null when the turn changed no state (for example a reminder
/// tick that the domain judged stale); then only the other parts are written and no version is
/// checked.</param>
public sealed record GrainWrite(
    GrainId Grain,
    long ExpectedVersion,
    byte[]? State,
    IReadOnlyList<ReminderRegistration> RegisterReminders,
    IReadOnlyList<string> UnregisterReminders,
    ReminderCompletion? CompletedReminder,
    IReadOnlyList<OutboxMessage> Outbox,
    IReadOnlyList<IdempotencyRecord> IdempotencyKeys,
    TicketQueryRow? TicketRow)
{
    public static GrainWrite ForState(GrainId grain, long expectedVersion, byte[] state) =>
        new(grain, expectedVersion, state, [], [], null, [], [], null);
}

/// <summary>Why a write was or was not committed.</summary>
public enum WriteStatus
{
    /// <summary>Everything in the write was committed.</summary>
    Committed,

    /// <summary>The stored version was not the expected one: another turn (here or on another node)
    /// wrote first. The runtime reloads the state and runs the turn again.</summary>
    VersionConflict,

    /// <summary>An idempotency key of the write was already recorded (by
    /// <see cref="WriteResult.DuplicateOwner"/>).</summary>
    DuplicateKey,

    /// <summary>The completed reminder's fencing number no longer matches: the claim was lost (lease
    /// expired and another node claimed it, or the reminder was replaced or removed).</summary>
    FenceLost,
}

/// <summary>The outcome of one write of a batch. <see cref="Version"/> is the new version when
/// committed with state, otherwise the version the storage holds (0 if none).</summary>
public readonly record struct WriteResult(WriteStatus Status, long Version, GrainId? DuplicateOwner = null)
{
    public bool IsCommitted => Status == WriteStatus.Committed;
}

/// <summary>Storage-wide counts for telemetry and health checks.</summary>
public sealed record StorageStatistics(long RemindersPending, long RemindersDue, long OutboxPending, DateTimeOffset? OldestOutboxCreatedAt);
