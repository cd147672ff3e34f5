using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Storage;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Reminders;

public sealed class ReminderDispatcherTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly GrainProbe _probe = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private DateTimeOffset Now => _harness.Clock.GetUtcNow();

    private static Task<ReminderFired> NextFired(GrainRuntime runtime)
    {
        var signal = new TaskCompletionSource<ReminderFired>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(ReminderFired fired)
        {
            runtime.Events.ReminderFired -= Handler;
            signal.TrySetResult(fired);
        }

        runtime.Events.ReminderFired += Handler;
        return signal.Task;
    }

    [Fact]
    public async Task RunOnceAsync_DueReminder_TurnEffectsAndCompletionInOneWrite()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var grain = runtime.GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.ScheduleAsync("sla", Now.AddMinutes(5)));
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var fired = NextFired(runtime);

        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));

        Assert.Equal(ReminderOutcome.Completed, (await fired.Within()).Outcome);
        var write = Assert.Single(_harness.Storage.Batches.Last().Writes);
        Assert.NotNull(write.State);
        Assert.Equal("sla", write.CompletedReminder!.Name);
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
        Assert.Empty(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct));
    }

    [Fact]
    public async Task RunOnceAsync_TurnWritesNothing_CompletionWrittenAlone()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var grain = runtime.GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.ScheduleAsync(CounterGrain.NoOpReminder, Now));

        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));

        var write = Assert.Single(_harness.Storage.Batches.Last().Writes);
        Assert.Null(write.State);
        Assert.Equal(CounterGrain.NoOpReminder, write.CompletedReminder!.Name);
        Assert.Empty(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct));
    }

    [Fact]
    public async Task RunOnceAsync_NotYetDue_ClaimsNothing()
    {
        var runtime = _harness.CreateRuntime(_probe);
        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", Now.AddMinutes(5)));
        _harness.Clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal(0, await runtime.Reminders.RunOnceAsync(_ct));
    }

    [Fact]
    public async Task RunOnceAsync_PeriodicReminder_FiresOncePerRoundAndMovesOnTheGrid()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var grain = runtime.GetGrain<CounterGrain>("c");
        var start = Now;
        await grain.InvokeAsync(g => g.ScheduleAsync("tick", start.AddMinutes(10), TimeSpan.FromMinutes(10)));

        _harness.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));
        Assert.Equal(start.AddMinutes(20), Assert.Single(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct)).DueAt);
        _harness.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));
        Assert.Equal(0, await runtime.Reminders.RunOnceAsync(_ct));

        Assert.Equal(start.AddMinutes(40), Assert.Single(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct)).DueAt);
        Assert.Equal(2, (await _harness.ReadCounterAsync("c"))!.Reminders);
    }

    [Fact]
    public async Task RunOnceAsync_ClaimLostWhileTurnRan_LateTurnEffectsDiscarded()
    {
        var probeA = new GrainProbe { HoldReminder = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        probeA.ReminderEffects = g => g.BufferLateEffects(Harness.Counter("elsewhere"));
        var slow = _harness.CreateRuntime(probeA, o => o.Reminders.Lease = TimeSpan.FromMinutes(1), "slow");
        var fast = _harness.CreateRuntime(new GrainProbe(), o => o.Reminders.Lease = TimeSpan.FromMinutes(1), "fast");
        await slow.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", Now));
        var slowFired = NextFired(slow);
        var slowRound = slow.Reminders.RunOnceAsync(_ct);
        await probeA.ReminderEntered.Task.Within();

        _harness.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await fast.Reminders.RunOnceAsync(_ct));
        probeA.HoldReminder.SetResult();
        await slowRound.Within();

        Assert.Equal(ReminderOutcome.FenceLost, (await slowFired.Within()).Outcome);
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
        Assert.Empty(await _harness.Memory.ReadRemindersAsync(Harness.Counter("c"), _ct));
        Assert.Equal(0, (await _harness.Memory.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task RunOnceAsync_TurnRegistersSameName_RegistrationWinsOverCompletion()
    {
        var later = Now.AddHours(2);
        _probe.ReminderEffects = g => g.RegisterFromTurn("sla", later);
        var runtime = _harness.CreateRuntime(_probe);
        var grain = runtime.GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.ScheduleAsync("sla", Now));

        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));

        Assert.Equal(later, Assert.Single(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct)).DueAt);
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
    }

    [Fact]
    public async Task RunOnceAsync_ReminderUnregisteredBeforeFiring_NotFired()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var grain = runtime.GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.ScheduleAsync("sla", Now.AddMinutes(1)));
        await grain.InvokeAsync(g => g.CancelReminderAsync("sla"));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await runtime.Reminders.RunOnceAsync(_ct));
        Assert.Empty(await _harness.Memory.ReadRemindersAsync(grain.Id, _ct));
    }

    [Fact]
    public async Task RunOnceAsync_TwoNodesConcurrently_EachReminderFiresOnce()
    {
        // Both nodes activate the same grains: their writes race, and conflicts are retried (generously
        // here, so the outcome does not depend on scheduling).
        void Configure(Options.GrainRuntimeOptions o)
        {
            o.Reminders.ClaimBatchSize = 7;
            o.MaxTurnAttempts = 100;
        }

        var a = _harness.CreateRuntime(new GrainProbe(), Configure, "a");
        var b = _harness.CreateRuntime(new GrainProbe(), Configure, "b");
        for (int i = 0; i < 20; i++)
        {
            int n = i;
            await a.GetGrain<CounterGrain>($"g{n % 5}").InvokeAsync(g => g.ScheduleAsync($"r{n}", Now.AddSeconds(n)));
        }

        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        int claimed = 0;
        for (int round = 0; round < 3; round++)
        {
            var counts = await Task.WhenAll(a.Reminders.RunOnceAsync(_ct), b.Reminders.RunOnceAsync(_ct)).Within();
            claimed += counts.Sum();
        }

        Assert.Equal(20, claimed);
        for (int g = 0; g < 5; g++)
        {
            Assert.Equal(4, (await _harness.ReadCounterAsync($"g{g}"))!.Reminders);
        }

        Assert.Equal(0, (await _harness.Memory.ReadStatisticsAsync(_ct)).RemindersPending);
    }

    [Fact]
    public async Task RunOnceAsync_TurnFails_ReminderFiresAgainAfterLease()
    {
        _probe.FailReminders = true;
        var runtime = _harness.CreateRuntime(_probe, o => o.Reminders.Lease = TimeSpan.FromMinutes(1));
        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", Now));
        var fired = NextFired(runtime);

        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));
        Assert.Equal(ReminderOutcome.Failed, (await fired.Within()).Outcome);
        Assert.Equal(0, await runtime.Reminders.RunOnceAsync(_ct));
        _probe.FailReminders = false;
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await runtime.Reminders.RunOnceAsync(_ct));
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
    }

    [Fact]
    public async Task StopAsync_LiveClaims_ReleasedForOtherNodesAtOnce()
    {
        _probe.FailReminders = true;
        var leaving = _harness.CreateRuntime(_probe, node: "leaving");
        var staying = _harness.CreateRuntime(new GrainProbe(), node: "staying");
        await leaving.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", Now));
        Assert.Equal(1, await leaving.Reminders.RunOnceAsync(_ct));
        Assert.Equal(0, await staying.Reminders.RunOnceAsync(_ct));

        await leaving.StopAsync(_ct);

        Assert.Equal(1, await staying.Reminders.RunOnceAsync(_ct));
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
    }

    [Fact]
    public async Task Dispatcher_Running_SleepsUntilDueThenFires()
    {
        var runtime = _harness.CreateRuntime(_probe, o =>
        {
            o.Reminders.Enabled = true;
            o.Reminders.MaxPollInterval = TimeSpan.FromSeconds(1);
        });
        var rounds = System.Threading.Channels.Channel.CreateUnbounded<int>();
        runtime.Events.ReminderRoundCompleted += claimed => rounds.Writer.TryWrite(claimed);
        var fired = NextFired(runtime);
        await runtime.StartAsync(_ct);
        await rounds.Reader.ReadAsync().AsTask().Within();

        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", Now.AddMilliseconds(500)));
        await rounds.Reader.ReadAsync().AsTask().Within();
        _harness.Clock.Advance(TimeSpan.FromMilliseconds(500));

        var tick = await fired.Within();
        Assert.Equal(ReminderOutcome.Completed, tick.Outcome);
        Assert.Equal(tick.DueAt, tick.FiredAt);
        await runtime.StopAsync(_ct);
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Reminders);
    }
}
