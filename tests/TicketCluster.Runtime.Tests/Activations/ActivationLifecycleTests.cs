using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Activations;

public sealed class ActivationLifecycleTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly GrainProbe _probe = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static Task<GrainId> NextDeactivation(GrainRuntime runtime)
    {
        var signal = new TaskCompletionSource<GrainId>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(GrainId grain, DeactivationReason reason)
        {
            runtime.Events.Deactivated -= Handler;
            signal.TrySetResult(grain);
        }

        runtime.Events.Deactivated += Handler;
        return signal.Task;
    }

    [Fact]
    public async Task IdleTimeout_NoCallsForTheTimeout_DeactivatesAndNextCallReactivates()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.IdleTimeout = TimeSpan.FromMinutes(10));
        var grain = runtime.GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.IncrementAsync());
        var deactivated = NextDeactivation(runtime);

        _harness.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(runtime.IsActive(grain.Id));
        await grain.InvokeAsync(g => g.GetAsync());
        _harness.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(runtime.IsActive(grain.Id));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(grain.Id, await deactivated.Within());
        Assert.False(runtime.IsActive(grain.Id));
        Assert.Equal((grain.Id, DeactivationReason.IdleTimeout), Assert.Single(_probe.Deactivations));
        Assert.Equal(1, await grain.InvokeAsync(g => g.GetAsync()));
        Assert.Equal(2, _probe.Activations[grain.Id]);
    }

    [Fact]
    public async Task IdleTimeout_CallDuringDeactivation_NewActivationWaitsAndSeesItsWrite()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.IdleTimeout = TimeSpan.FromMinutes(10));
        var grain = runtime.GetGrain<CounterGrain>("c");
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await grain.InvokeAsync(g => g.WriteOnDeactivateAsync(hold));
        var deactivated = NextDeactivation(runtime);
        _harness.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(runtime.IsActive(grain.Id));

        var call = grain.InvokeAsync(g => g.IncrementAsync());
        hold.SetResult();

        Assert.Equal(1002, await call.Within());
        Assert.Equal(grain.Id, await deactivated.Within());
        Assert.Equal(1002, (await _harness.ReadCounterAsync("c"))!.Value);
    }

    [Fact]
    public async Task CacheLimit_NewActivationOverMaxCount_EvictsLeastRecentlyUsedIdle()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.MaxActivations = 2);
        await runtime.GetGrain<CounterGrain>("a").InvokeAsync(g => g.GetAsync());
        await runtime.GetGrain<CounterGrain>("b").InvokeAsync(g => g.GetAsync());
        await runtime.GetGrain<CounterGrain>("a").InvokeAsync(g => g.GetAsync());
        var deactivated = NextDeactivation(runtime);

        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.GetAsync());

        Assert.Equal(Harness.Counter("b"), await deactivated.Within());
        Assert.Equal(2, runtime.ActivationCount);
        Assert.True(runtime.IsActive(Harness.Counter("a")));
        Assert.True(runtime.IsActive(Harness.Counter("c")));
        Assert.Equal((Harness.Counter("b"), DeactivationReason.CacheEviction), Assert.Single(_probe.Deactivations));
    }

    [Fact]
    public async Task CacheLimit_OldestActivationBusy_NeverEvictedWhileWorkIsQueued()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.MaxActivations = 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = runtime.GetGrain<CounterGrain>("busy").InvokeAsync(g => g.TracedIncrementAsync(0, gate.Task));
        await runtime.GetGrain<CounterGrain>("idle").InvokeAsync(g => g.GetAsync());
        var deactivated = NextDeactivation(runtime);

        await runtime.GetGrain<CounterGrain>("new").InvokeAsync(g => g.GetAsync());

        Assert.Equal(Harness.Counter("idle"), await deactivated.Within());
        Assert.True(runtime.IsActive(Harness.Counter("busy")));
        gate.SetResult();
        Assert.Equal(1, await busy.Within());
    }

    [Fact]
    public async Task CacheLimit_EveryActivationBusy_CatalogExceedsLimitRatherThanEvict()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.MaxActivations = 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = runtime.GetGrain<CounterGrain>("one").InvokeAsync(g => g.TracedIncrementAsync(1, gate.Task));
        var second = runtime.GetGrain<CounterGrain>("two").InvokeAsync(g => g.TracedIncrementAsync(2, gate.Task));

        Assert.Equal(2, runtime.ActivationCount);
        Assert.Empty(_probe.Deactivations);
        gate.SetResult();
        Assert.Equal(new[] { 1, 1 }, await Task.WhenAll(first, second).Within());
    }

    [Fact]
    public async Task CacheLimit_MemoryCeiling_EvictsIdleActivation()
    {
        long ceiling = (2 * GrainRuntime.ActivationOverheadBytes) + 200;
        var runtime = _harness.CreateRuntime(_probe, o => o.MaxActivationMemoryBytes = ceiling);
        await runtime.GetGrain<CounterGrain>("a").InvokeAsync(g => g.IncrementAsync());
        await runtime.GetGrain<CounterGrain>("b").InvokeAsync(g => g.IncrementAsync());
        var deactivated = NextDeactivation(runtime);

        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());

        Assert.Equal(Harness.Counter("a"), await deactivated.Within());
        Assert.Equal(2, runtime.ActivationCount);
    }

    [Fact]
    public async Task StopAsync_ActiveGrains_DeactivatedAfterQueuedCallsAndNewCallsRefused()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grain = runtime.GetGrain<CounterGrain>("c");
        var queued = grain.InvokeAsync(g => g.TracedIncrementAsync(0, gate.Task));

        var stop = runtime.StopAsync(CancellationToken.None);
        gate.SetResult();
        await stop.Within();

        Assert.Equal(1, await queued);
        Assert.Equal(new[] { "start 0", "end 0" }, _probe.Trace);
        Assert.Equal((grain.Id, DeactivationReason.Shutdown), Assert.Single(_probe.Deactivations));
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.InvokeAsync(g => g.GetAsync()));
    }
}
