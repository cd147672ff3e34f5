namespace TicketCluster.Runtime;

/// <summary>A turn kept losing the optimistic-concurrency race: every attempt's write met a newer
/// version. The caller may retry later; nothing of the failed attempts was committed.</summary>
public sealed class GrainConcurrencyException : Exception
{
    public GrainConcurrencyException(GrainId grain, int attempts)
        : base($"Grain {grain} met a version conflict on each of {attempts} attempts.")
    {
        Grain = grain;
        Attempts = attempts;
    }

    public GrainId Grain { get; }

    public int Attempts { get; }
}

/// <summary>A turn tried to record an idempotency key that another grain (or an earlier turn of the
/// same grain) already holds; the turn's write left no trace. <see cref="Owner"/> names the holder,
/// so intake can answer with the existing ticket.</summary>
public sealed class DuplicateIdempotencyKeyException : Exception
{
    public DuplicateIdempotencyKeyException(GrainId writer, GrainId owner)
        : base($"Grain {writer} tried to record an idempotency key already held by {owner}.")
    {
        Writer = writer;
        Owner = owner;
    }

    public GrainId Writer { get; }

    public GrainId Owner { get; }
}

/// <summary>Thrown inside a turn when a write met a newer version; the runtime catches it, reloads the
/// state and runs the turn again. Grain code should let it pass.</summary>
public sealed class GrainVersionConflictException : Exception
{
    public GrainVersionConflictException(GrainId grain, long expected, long stored)
        : base($"Grain {grain} expected version {expected} but storage holds {stored}.")
    {
        Grain = grain;
    }

    public GrainId Grain { get; }
}

/// <summary>Thrown inside a reminder turn when its claim was lost (the fencing number moved on); the
/// turn's effects were not committed. The reminder dispatcher counts it; grain code should let it pass.</summary>
public sealed class ReminderFenceLostException : Exception
{
    public ReminderFenceLostException(GrainId grain, string reminder)
        : base($"Reminder '{reminder}' of grain {grain} lost its claim; the late turn's effects were discarded.")
    {
        Grain = grain;
        Reminder = reminder;
    }

    public GrainId Grain { get; }

    public string Reminder { get; }
}
