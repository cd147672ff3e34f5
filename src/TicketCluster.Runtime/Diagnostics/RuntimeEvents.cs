namespace TicketCluster.Runtime.Diagnostics;

/// <summary>Why an activation ended.</summary>
public enum DeactivationReason
{
    IdleTimeout,
    CacheEviction,
    Shutdown,
}

/// <summary>How a fired reminder ended.</summary>
public enum ReminderOutcome
{
    /// <summary>The turn's effects and the reminder's completion were committed together.</summary>
    Completed,

    /// <summary>The claim was lost before the turn's write; its effects were discarded.</summary>
    FenceLost,

    /// <summary>The turn threw; the reminder fires again after its lease.</summary>
    Failed,
}

public readonly record struct ReminderFired(GrainId Grain, string Name, DateTimeOffset DueAt, DateTimeOffset FiredAt, ReminderOutcome Outcome);

public readonly record struct OutboxDelivered(GrainId Target, int Claimed, int Applied, bool Succeeded);

/// <summary>
/// Lifecycle events of one runtime, raised synchronously on the thread that caused them. Tests wait on
/// them (through a <see cref="TaskCompletionSource"/>) instead of sleeping; handlers must be quick and
/// must not throw (an exception from a handler is swallowed so it cannot break the runtime).
/// </summary>
public sealed class RuntimeEvents
{
    public event Action<GrainId>? Activated;

    public event Action<GrainId, DeactivationReason>? Deactivated;

    /// <summary>A storage batch was written; the argument is its number of writes.</summary>
    public event Action<int>? BatchCommitted;

    public event Action<ReminderFired>? ReminderFired;

    /// <summary>The reminder dispatcher goes to sleep after a round (its wake-up timer already set).</summary>
    public event Action<int>? ReminderRoundCompleted;

    public event Action<OutboxDelivered>? OutboxDelivered;

    /// <summary>The outbox relay finished a round; the argument is the number of messages claimed.</summary>
    public event Action<int>? OutboxRoundCompleted;

    internal void OnActivated(GrainId grain) => Raise(Activated, grain);

    internal void OnDeactivated(GrainId grain, DeactivationReason reason)
    {
        try
        {
            Deactivated?.Invoke(grain, reason);
        }
#pragma warning disable CA1031 // An observer must not break the runtime.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    internal void OnBatchCommitted(int size) => Raise(BatchCommitted, size);

    internal void OnReminderFired(ReminderFired fired) => Raise(ReminderFired, fired);

    internal void OnReminderRoundCompleted(int claimed) => Raise(ReminderRoundCompleted, claimed);

    internal void OnOutboxDelivered(OutboxDelivered delivered) => Raise(OutboxDelivered, delivered);

    internal void OnOutboxRoundCompleted(int claimed) => Raise(OutboxRoundCompleted, claimed);

    private static void Raise<T>(Action<T>? handler, T value)
    {
        try
        {
            handler?.Invoke(value);
        }
#pragma warning disable CA1031 // An observer must not break the runtime.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
