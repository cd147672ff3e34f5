using TicketCluster.Runtime.Storage;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Activations;

public sealed class ConcurrencyTests : IAsyncDisposable
{
    private readonly Harness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_StaleActivation_ReloadsAndRunsTurnAgain()
    {
        var probeA = new GrainProbe();
        var probeB = new GrainProbe();
        var a = _harness.CreateRuntime(probeA, node: "a").GetGrain<CounterGrain>("c");
        var b = _harness.CreateRuntime(probeB, node: "b").GetGrain<CounterGrain>("c");
        await a.InvokeAsync(g => g.IncrementAsync());
        await b.InvokeAsync(g => g.GetAsync());
        await a.InvokeAsync(g => g.IncrementAsync());

        int value = await b.InvokeAsync(g => g.IncrementAsync());

        Assert.Equal(3, value);
        Assert.Equal(2, probeB.Attempts);
        Assert.Equal(3, (await _harness.ReadCounterAsync("c"))!.Value);
        Assert.Contains(_harness.Storage.Batches, batch => batch.Results.Any(r => r.Status == WriteStatus.VersionConflict));
    }

    [Fact]
    public async Task InvokeAsync_TwoNodesIncrementConcurrently_NoLostUpdate()
    {
        var a = _harness.CreateRuntime(new GrainProbe(), o => o.MaxTurnAttempts = 1000, "a").GetGrain<CounterGrain>("c");
        var b = _harness.CreateRuntime(new GrainProbe(), o => o.MaxTurnAttempts = 1000, "b").GetGrain<CounterGrain>("c");

        var calls = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).InvokeAsync(g => g.IncrementAsync()));
        var results = await Task.WhenAll(calls).Within();

        Assert.Equal(Enumerable.Range(1, 40), results.Order());
        Assert.Equal(40, (await _harness.ReadCounterAsync("c"))!.Value);
    }

    [Fact]
    public async Task InvokeAsync_ConflictOnEveryAttempt_ThrowsAfterConfiguredAttempts()
    {
        var probe = new GrainProbe();
        var grain = _harness.CreateRuntime(probe, o => o.MaxTurnAttempts = 3).GetGrain<CounterGrain>("c");
        await grain.InvokeAsync(g => g.IncrementAsync());
        _harness.Storage.BeforeWrite = async writes =>
        {
            // Another node writes the grain between every read and write of this one.
            var current = await _harness.Memory.ReadStateAsync(Harness.Counter("c"), CancellationToken.None);
            await _harness.Memory.WriteAsync([GrainWrite.ForState(Harness.Counter("c"), current!.Version, current.State)], CancellationToken.None);
        };
        probe.Attempts = 0;

        var error = await Assert.ThrowsAsync<GrainConcurrencyException>(() => grain.InvokeAsync(g => g.IncrementAsync()));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, probe.Attempts);
        Assert.Equal(1, (await _harness.ReadCounterAsync("c"))!.Value);
    }
}
