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

public sealed class KnownStateTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly DateTimeOffset _start = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task InvokeAsNewAsync_GrainNeverWritten_ActivatesWithoutReading()
    {
        var runtime = _harness.CreateRuntime(new GrainProbe());

        Assert.Equal(1, await runtime.GetGrain<CounterGrain>("fresh").InvokeAsNewAsync(g => g.IncrementAsync()));

        Assert.Equal(0, _harness.Storage.StateReads);
    }

    [Fact]
    public async Task InvokeAsNewAsync_GrainExistsAfterAll_TurnRunsAgainOnStoredState()
    {
        var a = _harness.CreateRuntime(new GrainProbe(), node: "a");
        var b = _harness.CreateRuntime(new GrainProbe(), node: "b");
        await a.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());

        Assert.Equal(2, await b.GetGrain<CounterGrain>("c").InvokeAsNewAsync(g => g.IncrementAsync()));

        Assert.Equal(2, (await _harness.ReadCounterAsync("c"))!.Value);
    }

    [Fact]
    public async Task ReminderRound_ManyInactiveGrains_StatesLoadedInOneRead()
    {
        var writer = _harness.CreateRuntime(new GrainProbe(), node: "writer");
        for (var i = 0; i < 10; i++)
        {
            await writer.GetGrain<CounterGrain>($"c{i}").InvokeAsync(g => g.ScheduleAsync("sla", _start));
        }

        var firer = _harness.CreateRuntime(new GrainProbe(), node: "firer");
        var reads = _harness.Storage.StateReads;

        Assert.Equal(10, await firer.RunReminderRoundAsync(CancellationToken.None));

        Assert.Equal(reads + 1, _harness.Storage.StateReads);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, (await _harness.ReadCounterAsync($"c{i}"))!.Reminders);
        }
    }
}
