using System.Collections.Concurrent;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Tests.Support;

public sealed record CounterState(int Value, int Reminders, int Events);

/// <summary>What the test grains of one runtime saw; lets tests hold a turn open and observe attempts.</summary>
public sealed class GrainProbe
{
    private readonly Lock _gate = new();
    private readonly List<string> _trace = [];

    public ConcurrentDictionary<GrainId, int> Activations { get; } = new();

    public ConcurrentQueue<(GrainId Grain, DeactivationReason Reason)> Deactivations { get; } = new();

    public ConcurrentQueue<(GrainId Grain, int Count)> EventBatches { get; } = new();

    private int _attempts;

    public int Attempts
    {
        get => Volatile.Read(ref _attempts);
        set => Volatile.Write(ref _attempts, value);
    }

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    /// <summary>When set, the next reminder turn signals <see cref="ReminderEntered"/> and waits for it.</summary>
    public TaskCompletionSource? HoldReminder { get; set; }

    public TaskCompletionSource ReminderEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FailReminders { get; set; }

    /// <summary>When set, the next event turn signals <see cref="EventsEntered"/> and waits for it.</summary>
    public TaskCompletionSource? HoldEvents { get; set; }

    public TaskCompletionSource EventsEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Event turns apply nothing to state (only the inbox records are written).</summary>
    public bool ReceiveWithoutWrite { get; set; }

    /// <summary>When set, the next deactivation waits for it and then writes state.</summary>
    public TaskCompletionSource? HoldDeactivation { get; set; }

    /// <summary>Extra effects a reminder turn buffers before writing (to see them discarded).</summary>
    public Action<CounterGrain>? ReminderEffects { get; set; }

    public IReadOnlyList<string> Trace
    {
        get
        {
            lock (_gate)
            {
                return [.. _trace];
            }
        }
    }

    public void Record(string entry)
    {
        lock (_gate)
        {
            _trace.Add(entry);
        }
    }
}

public sealed class CounterGrain(GrainProbe probe) : Grain<CounterState>, IRemindable, IEventReceiver
{
    public const string NoOpReminder = "noop";

    protected override CounterState CreateInitialState() => new(0, 0, 0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Activations.AddOrUpdate(Id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Deactivations.Enqueue((Id, reason));
        if (probe.HoldDeactivation is { } hold)
        {
            probe.HoldDeactivation = null;
            await hold.Task;
            State = State with { Value = State.Value + 1000 };
            await WriteStateAsync();
        }
    }

    public Task<int> GetAsync() => Task.FromResult(State.Value);

    public Task<long> GetVersionAsync() => Task.FromResult(Version);

    public async Task<int> IncrementAsync()
    {
        probe.CountAttempt();
        State = State with { Value = State.Value + 1 };
        await WriteStateAsync();
        return State.Value;
    }

    /// <summary>Records its start, waits for <paramref name="gate"/>, records its end: overlapping turns
    /// would show up as interleaved entries.</summary>
    public async Task<int> TracedIncrementAsync(int callNumber, Task gate)
    {
        probe.Record($"start {callNumber}");
        int read = State.Value;
        await gate;
        await Task.Yield();
        State = State with { Value = read + 1 };
        await WriteStateAsync();
        probe.Record($"end {callNumber}");
        return State.Value;
    }

    public Task ChangeWithoutWritingAsync()
    {
        State = State with { Value = State.Value + 100 };
        return Task.CompletedTask;
    }

    public Task ScheduleAsync(string name, DateTimeOffset dueAt, TimeSpan? period = null, bool writeState = true)
    {
        RegisterOrUpdateReminder(name, dueAt, period);
        return writeState ? WriteStateAsync() : Task.CompletedTask;
    }

    public Task CancelReminderAsync(string name)
    {
        UnregisterReminder(name);
        return Task.CompletedTask;
    }

    public Task ScheduleThenFailAsync(string name, DateTimeOffset dueAt)
    {
        RegisterOrUpdateReminder(name, dueAt);
        throw new InvalidOperationException("The turn fails after buffering a reminder.");
    }

    public Task ClaimKeyAsync(string key)
    {
        RecordIdempotencyKey("intake", key);
        State = State with { Value = State.Value + 1 };
        return WriteStateAsync();
    }

    /// <summary>Publishes without writing state: the end of the turn commits the outbox message.</summary>
    public Task PublishAsync(GrainId target, Guid eventId)
    {
        Publish(target, "bumped", new byte[] { 1 }, eventId);
        return Task.CompletedTask;
    }

    public void RegisterFromTurn(string name, DateTimeOffset dueAt) => RegisterOrUpdateReminder(name, dueAt);

    public async Task WriteOnDeactivateAsync(TaskCompletionSource hold)
    {
        probe.HoldDeactivation = hold;
        State = State with { Value = State.Value + 1 };
        await WriteStateAsync();
    }

    public void BufferLateEffects(GrainId target)
    {
        RegisterOrUpdateReminder("late", Now.AddHours(1));
        Publish(target, "late", new byte[] { 2 }, Guid.NewGuid());
    }

    public async Task ReceiveReminder(string reminderName, DateTimeOffset dueAt)
    {
        if (probe.HoldReminder is { } hold)
        {
            probe.ReminderEntered.TrySetResult();
            await hold.Task;
        }

        if (probe.FailReminders)
        {
            throw new InvalidOperationException("The reminder turn fails.");
        }

        if (reminderName == NoOpReminder)
        {
            return;
        }

        probe.ReminderEffects?.Invoke(this);
        State = State with { Reminders = State.Reminders + 1 };
        await WriteStateAsync();
    }

    public async Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch)
    {
        if (probe.HoldEvents is { } hold)
        {
            probe.HoldEvents = null;
            probe.EventsEntered.TrySetResult();
            await hold.Task;
        }

        probe.EventBatches.Enqueue((Id, batch.Count));
        if (probe.ReceiveWithoutWrite)
        {
            return;
        }

        State = State with { Events = State.Events + batch.Count };
        await WriteStateAsync();
    }
}
