using System.Collections.Concurrent;
using TicketCluster.Grains;

namespace TicketCluster.Benchmarks.Reminders;

/// <summary>The reminder benchmark's grain (key: the reminder's number).</summary>
[Alias("bench.IBenchReminderGrain")]
public interface IBenchReminderGrain : IGrainWithStringKey, IRemindable;

/// <summary>
/// Sends its notification (<see cref="NotificationSend"/>: nothing, or a call to another system that the turn
/// awaits), then counts its firings in its state through the project's provider, as a ticket records a deadline
/// stage, then unregisters the reminder, as a ticket moves or removes a handled one-shot tick.
/// </summary>
[GrainType(ReminderRows.GrainType)]
internal sealed class BenchReminderGrain(
    [PersistentState(ReminderRows.GrainType, GrainTypes.StorageName)] IPersistentState<BenchState> state,
    NotificationSend notification,
    ILocalSiloDetails silo,
    FireRecorder recorder) : Grain, IBenchReminderGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await notification.SendAsync(this.GetPrimaryKeyString());
        state.State = state.State with { Fired = state.State.Fired + 1, LastDue = status.FirstTickTime };
        await state.WriteStateAsync();
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        recorder.Record(status.FirstTickTime, silo.SiloAddress);
    }
}

/// <summary>What a <see cref="BenchReminderGrain"/> keeps.</summary>
public sealed record BenchState(int Fired = 0, DateTime? LastDue = null);

/// <summary>The firings of a run: lateness of each, the time of the first and of the <c>due</c>-th, the turns each
/// silo ran, and a task that completes when <c>due</c> have fired.</summary>
internal sealed class FireRecorder(int due)
{
    private readonly ConcurrentBag<double> _latenessMs = [];
    private readonly ConcurrentDictionary<SiloAddress, int> _turnsBySilo = new();
    private readonly TaskCompletionSource _allFired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drainStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private long _fired;
    private DateTimeOffset _dueFired;
    private DateTimeOffset _firstFired = DateTimeOffset.MaxValue;

    public Task AllFired => _allFired.Task;

    /// <summary>Completes at the first firing: the start of the drain, for a CPU sample of the drain alone.</summary>
    public Task FirstFiredTask => _drainStarted.Task;

    public IEnumerable<double> LatenessMs => _latenessMs;

    /// <summary>The turns <paramref name="silo"/> ran.</summary>
    public int TurnsOn(SiloAddress silo) => _turnsBySilo.GetValueOrDefault(silo);

    public DateTimeOffset FirstFired
    {
        get
        {
            lock (_gate)
            {
                return _firstFired;
            }
        }
    }

    /// <summary>When the <c>due</c>-th firing was recorded: the drain's end. A tick that fires again after it (a
    /// duplicate, counted from the states) does not stretch the drain.</summary>
    public DateTimeOffset DueFired
    {
        get
        {
            lock (_gate)
            {
                return _dueFired;
            }
        }
    }

    public void Record(DateTime dueUtc, SiloAddress silo)
    {
        _turnsBySilo.AddOrUpdate(silo, 1, (_, n) => n + 1);
        var now = TimeProvider.System.GetUtcNow();
        _latenessMs.Add((now - new DateTimeOffset(DateTime.SpecifyKind(dueUtc, DateTimeKind.Utc))).TotalMilliseconds);
        bool drained;
        lock (_gate)
        {
            if (now < _firstFired)
            {
                _firstFired = now;
            }

            drained = ++_fired == due;
            if (drained)
            {
                _dueFired = now;
            }
        }

        _drainStarted.TrySetResult();
        if (drained)
        {
            _allFired.TrySetResult();
        }
    }
}
