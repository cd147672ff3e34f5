using System.Collections.Concurrent;
using Quartz;

namespace TicketCluster.Benchmarks.Quartz;

/// <summary>
/// The peer's deadline job: records its effect in memory (the trigger's key and the fire's lateness).
/// That is lighter than TicketCluster's firing, a grain turn that durably writes the grain's state:
/// the comparison favours Quartz.
/// </summary>
internal sealed class DeadlineJob(FireRecorder recorder) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        recorder.Record(context.Trigger.Key.Name, context.Trigger.StartTimeUtc, context.ScheduledFireTimeUtc);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// What the deadline jobs did, shared by every scheduler of a run: how often each key fired and how
/// late. Lateness is measured from the trigger's start time, which for a one-shot trigger is its due
/// time. <c>ScheduledFireTimeUtc</c> is the same value unless Quartz's misfire handler moved the fire
/// time to "now" (default misfire policy of a one-shot trigger), which would hide the lateness; such
/// fires are counted as <see cref="MisfireMoved"/>.
/// </summary>
internal sealed class FireRecorder(TimeProvider time, int due)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _latenessMs = new();
    private readonly TaskCompletionSource _allDue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lastLock = new();
    private long _fired;
    private long _misfireMoved;
    private DateTimeOffset? _lastFired;

    /// <summary>Completes when <c>due</c> distinct keys have fired.</summary>
    public Task AllDue => _allDue.Task;

    /// <summary>Distinct keys fired so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    public long MisfireMoved => Interlocked.Read(ref _misfireMoved);

    public DateTimeOffset? LastFired
    {
        get
        {
            lock (_lastLock)
            {
                return _lastFired;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public IEnumerable<double> LatenessMs => _latenessMs;

    public void Record(string key, DateTimeOffset dueAt, DateTimeOffset? scheduledFireTime)
    {
        var now = time.GetUtcNow();
        _latenessMs.Enqueue((now - dueAt).TotalMilliseconds);
        if (scheduledFireTime is { } scheduled && scheduled > dueAt)
        {
            Interlocked.Increment(ref _misfireMoved);
        }

        lock (_lastLock)
        {
            if (_lastFired is null || now > _lastFired)
            {
                _lastFired = now;
            }
        }

        if (_counts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 && Interlocked.Increment(ref _fired) == due)
        {
            _allDue.TrySetResult();
        }
    }
}
