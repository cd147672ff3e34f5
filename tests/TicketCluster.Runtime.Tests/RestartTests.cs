using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests;

public sealed class RestartTests : IAsyncDisposable
{
    private readonly Harness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task NewRuntimeOnSameStorage_KeepsStateRemindersAndOutbox()
    {
        var before = _harness.CreateRuntime(new GrainProbe(), node: "before");
        var grain = before.GetGrain<CounterGrain>("c");
        var due = _harness.Clock.GetUtcNow().AddMinutes(30);
        await grain.InvokeAsync(g => g.IncrementAsync());
        await grain.InvokeAsync(g => g.ScheduleAsync("sla", due));
        await grain.InvokeAsync(g => g.PublishAsync(Harness.Counter("r"), Guid.NewGuid()));
        await before.StopAsync(CancellationToken.None);

        var probe = new GrainProbe();
        var after = _harness.CreateRuntime(probe, node: "after");
        var again = after.GetGrain<CounterGrain>("c");

        Assert.Equal(1, await again.InvokeAsync(g => g.GetAsync()));
        Assert.Equal(1, await after.Outbox.RunOnceAsync(CancellationToken.None));
        _harness.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await after.Reminders.RunOnceAsync(CancellationToken.None));
        var state = await _harness.ReadCounterAsync("c");
        Assert.Equal(new CounterState(1, 1, 0), state);
        Assert.Equal(1, (await _harness.ReadCounterAsync("r"))!.Events);
    }
}
