using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Activations;

public sealed class TurnTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly GrainProbe _probe = new();
    private readonly GrainRuntime _runtime;

    public TurnTests() => _runtime = _harness.CreateRuntime(_probe);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_ConcurrentCalls_RunOneAtATimeInArrivalOrder()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, 10)
            .Select(i => grain.InvokeAsync(g => g.TracedIncrementAsync(i, i == 0 ? gate.Task : Task.CompletedTask)))
            .ToList();

        gate.SetResult();
        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(Enumerable.Range(1, 10), results);
        var expected = Enumerable.Range(0, 10).SelectMany(i => new[] { $"start {i}", $"end {i}" });
        Assert.Equal(expected, _probe.Trace);
        Assert.Equal(10, (await _harness.ReadCounterAsync("c1"))!.Value);
    }

    [Fact]
    public async Task InvokeAsync_FirstCall_ActivatesOnceAndLoadsStoredState()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");

        await grain.InvokeAsync(g => g.IncrementAsync());
        await grain.InvokeAsync(g => g.IncrementAsync());

        Assert.Equal(1, _probe.Activations[Harness.Counter("c1")]);
        Assert.Equal(2L, await grain.InvokeAsync(g => g.GetVersionAsync()));
    }

    [Fact]
    public async Task InvokeAsync_StateChangedWithoutWrite_NextTurnSeesCommittedState()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");
        await grain.InvokeAsync(g => g.IncrementAsync());

        await grain.InvokeAsync(g => g.ChangeWithoutWritingAsync());

        Assert.Equal(1, await grain.InvokeAsync(g => g.GetAsync()));
    }

    [Fact]
    public async Task InvokeAsync_EffectsWithoutStateWrite_CommittedAtEndOfTurnWithoutVersionChange()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");
        var due = _harness.Clock.GetUtcNow().AddHours(1);

        await grain.InvokeAsync(g => g.ScheduleAsync("r", due, writeState: false));

        var reminder = Assert.Single(await _harness.Memory.ReadRemindersAsync(Harness.Counter("c1"), CancellationToken.None));
        Assert.Equal(due, reminder.DueAt);
        Assert.Null(await _harness.ReadCounterAsync("c1"));
        var (writes, _) = Assert.Single(_harness.Storage.Batches);
        Assert.Null(Assert.Single(writes).State);
    }

    [Fact]
    public async Task InvokeAsync_TurnThrows_BufferedEffectsDiscardedAndCallerSeesException()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => grain.InvokeAsync(g => g.ScheduleThenFailAsync("r", _harness.Clock.GetUtcNow())));

        Assert.Empty(await _harness.Memory.ReadRemindersAsync(Harness.Counter("c1"), CancellationToken.None));
        Assert.Equal(1, await grain.InvokeAsync(g => g.IncrementAsync()));
    }

    [Fact]
    public async Task InvokeAsync_KeyHeldByAnotherGrain_DuplicateKeyNamesOwnerAndWritesNothing()
    {
        await _runtime.GetGrain<CounterGrain>("first").InvokeAsync(g => g.ClaimKeyAsync("order-1"));

        var error = await Assert.ThrowsAsync<DuplicateIdempotencyKeyException>(
            () => _runtime.GetGrain<CounterGrain>("second").InvokeAsync(g => g.ClaimKeyAsync("order-1")));

        Assert.Equal(Harness.Counter("first"), error.Owner);
        Assert.Equal(Harness.Counter("second"), error.Writer);
        Assert.Null(await _harness.ReadCounterAsync("second"));
        Assert.Equal(0, await _runtime.GetGrain<CounterGrain>("second").InvokeAsync(g => g.GetAsync()));
    }

    [Fact]
    public async Task InvokeAsync_CanceledBeforeTurnStarts_CallerSeesCancellationAndTurnDoesNotRun()
    {
        var grain = _runtime.GetGrain<CounterGrain>("c1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var blocker = grain.InvokeAsync(g => g.TracedIncrementAsync(0, gate.Task));
        var canceled = grain.InvokeAsync(g => g.IncrementAsync(), cts.Token);

        await cts.CancelAsync();
        gate.SetResult();

        await blocker.Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.Within());
        Assert.Equal(1, (await _harness.ReadCounterAsync("c1"))!.Value);
    }
}
