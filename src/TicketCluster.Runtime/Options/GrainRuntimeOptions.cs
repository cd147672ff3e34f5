using TicketCluster.Storage.Commit;

namespace TicketCluster.Runtime.Options;

/// <summary>Options of one grain runtime (one node). Defaults are production defaults.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>This node's id: the owner of its reminder and outbox claims. Must be unique in the
    /// cluster and stable for the process's lifetime. Default: machine name and process id.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How many times a turn runs when its write meets a newer version before the caller gets
    /// a <see cref="GrainConcurrencyException"/>. Default 10: enough for several nodes writing one hot
    /// grain at once (each round of a race has a winner; the losers back off and run again).</summary>
    public int MaxTurnAttempts { get; set; } = 10;

    /// <summary>The base of the randomized pause before a turn runs again after a version conflict: the
    /// n-th retry waits a random time up to 2^(n−1) × this (at most 64 ×), so nodes racing on one grain
    /// fall out of step. Real time, whatever clock the runtime is given. Default 2 ms; zero retries at
    /// once.</summary>
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>An activation with no call for this long is deactivated. Default 15 minutes (Orleans'
    /// default collection age).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most activations kept in memory; above it, idle activations are evicted least
    /// recently used first. Default 100 000.</summary>
    public int MaxActivations { get; set; } = 100_000;

    /// <summary>An approximate ceiling of the memory held by activations (serialized state size plus a
    /// fixed overhead each); above it, idle activations are evicted like above. Default 512 MiB.</summary>
    public long MaxActivationMemoryBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Whether <see cref="GrainRuntime.StartAsync"/> calls
    /// <c>EnsureSchemaAsync</c> on start. Default true.</summary>
    public bool EnsureSchemaOnStart { get; set; } = true;

    /// <summary>Upper bound of start-up and of graceful shutdown. Default 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public GroupCommitOptions GroupCommit { get; } = new();

    public ReminderOptions Reminders { get; } = new();

    public OutboxOptions Outbox { get; } = new();

    /// <summary>Every rule the options break, as messages; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            errors.Add($"{nameof(NodeId)} must not be empty.");
        }

        Positive(errors, nameof(MaxTurnAttempts), MaxTurnAttempts);
        if (ConflictBackoff < TimeSpan.Zero)
        {
            errors.Add($"{nameof(ConflictBackoff)} must not be negative.");
        }

        Positive(errors, nameof(IdleTimeout), IdleTimeout);
        Positive(errors, nameof(MaxActivations), MaxActivations);
        Positive(errors, nameof(MaxActivationMemoryBytes), MaxActivationMemoryBytes);
        Positive(errors, nameof(ShutdownTimeout), ShutdownTimeout);
        Positive(errors, $"{nameof(GroupCommit)}.{nameof(GroupCommit.MaxBatchSize)}", GroupCommit.MaxBatchSize);
        Positive(errors, $"{nameof(GroupCommit)}.{nameof(GroupCommit.MaxBatchesInFlight)}", GroupCommit.MaxBatchesInFlight);
        if (GroupCommit.MaxDelay < TimeSpan.Zero)
        {
            errors.Add($"{nameof(GroupCommit)}.{nameof(GroupCommit.MaxDelay)} must not be negative.");
        }

        Positive(errors, $"{nameof(Reminders)}.{nameof(Reminders.Lease)}", Reminders.Lease);
        Positive(errors, $"{nameof(Reminders)}.{nameof(Reminders.ClaimBatchSize)}", Reminders.ClaimBatchSize);
        Positive(errors, $"{nameof(Reminders)}.{nameof(Reminders.MaxRoundsInFlight)}", Reminders.MaxRoundsInFlight);
        Positive(errors, $"{nameof(Reminders)}.{nameof(Reminders.MaxPollInterval)}", Reminders.MaxPollInterval);
        if (Reminders.Lease <= Reminders.MaxPollInterval)
        {
            errors.Add($"{nameof(Reminders)}.{nameof(Reminders.Lease)} must exceed {nameof(Reminders)}.{nameof(Reminders.MaxPollInterval)}: a claim must outlive a dispatch round.");
        }

        Positive(errors, $"{nameof(Outbox)}.{nameof(Outbox.Lease)}", Outbox.Lease);
        Positive(errors, $"{nameof(Outbox)}.{nameof(Outbox.ClaimBatchSize)}", Outbox.ClaimBatchSize);
        Positive(errors, $"{nameof(Outbox)}.{nameof(Outbox.PollInterval)}", Outbox.PollInterval);
        return errors;
    }

    private static void Positive(List<string> errors, string name, long value)
    {
        if (value <= 0)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }
}

/// <summary>The reminder dispatcher.</summary>
public sealed class ReminderOptions
{
    /// <summary>Whether this node fires reminders. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a claim is held. Nothing renews it, so it must exceed the longest reminder
    /// turn, including its write. Default 1 minute.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most reminders claimed (and fired concurrently) per round. Default 32.</summary>
    public int ClaimBatchSize { get; set; } = 32;

    /// <summary>How many full rounds may fire at once: while one round's turns write, the next batch is
    /// claimed and loaded, so a backlog drains at the database's pace rather than one round trip
    /// chain at a time. Default 4.</summary>
    public int MaxRoundsInFlight { get; set; } = 4;

    /// <summary>The longest sleep between rounds: other nodes register reminders this node does not hear
    /// of. Default 1 second.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The outbox relay.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this node relays outbox messages. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a claim is held before another node may deliver the messages again. Default
    /// 1 minute.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most messages claimed per round. Default 256.</summary>
    public int ClaimBatchSize { get; set; } = 256;

    /// <summary>The sleep between rounds when the outbox is empty (local commits wake the relay
    /// sooner). Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
