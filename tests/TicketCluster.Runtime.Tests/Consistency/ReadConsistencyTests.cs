using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Consistency;

public sealed class ReadConsistencyTests : IAsyncDisposable
{
    private readonly Harness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task ReadAsync_AnotherNodeWroteSince_SeesTheWrite()
    {
        var a = _harness.CreateRuntime(new GrainProbe(), node: "a");
        var b = _harness.CreateRuntime(new GrainProbe(), node: "b");
        await b.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());

        await a.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());

        Assert.Equal(1, await b.GetGrain<CounterGrain>("c").InvokeAsync(g => g.GetAsync()));
        Assert.Equal(2, await b.GetGrain<CounterGrain>("c").ReadAsync(g => g.GetAsync()));
    }

    [Fact]
    public async Task ReadAsync_NothingWrittenElsewhere_KeepsTheActivationState()
    {
        var probe = new GrainProbe();
        var a = _harness.CreateRuntime(probe, node: "a");
        await a.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());
        var reads = _harness.Storage.StateReads;

        Assert.Equal(1, await a.GetGrain<CounterGrain>("c").ReadAsync(g => g.GetAsync()));

        Assert.Equal(reads + 1, _harness.Storage.StateReads);
        Assert.Equal(1, probe.Activations[Harness.Counter("c")]);
    }

    [Fact]
    public async Task InvokeAsync_ManyConcurrentWritersOnTwoNodes_NoUpdateLostNoSpuriousConflict()
    {
        var a = _harness.CreateRuntime(new GrainProbe(), node: "a");
        var b = _harness.CreateRuntime(new GrainProbe(), node: "b");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync())));

        Assert.Equal(40, await a.GetGrain<CounterGrain>("c").ReadAsync(g => g.GetAsync()));
    }
}
