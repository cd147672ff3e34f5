using System.Collections.Concurrent;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Outbox;
using TicketCluster.Runtime.Storage;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Outbox;

public sealed class OutboxRelayTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly GrainProbe _probe = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static async Task PublishAsync(GrainRuntime runtime, string source, GrainId target, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await runtime.GetGrain<CounterGrain>(source).InvokeAsync(g => g.PublishAsync(target, Guid.NewGuid()));
        }
    }

    [Fact]
    public async Task RunOnceAsync_MessagesForSeveralTargets_OneTurnAndOneWritePerTarget()
    {
        var runtime = _harness.CreateRuntime(_probe);
        await PublishAsync(runtime, "s1", Harness.Counter("r1"), 2);
        await PublishAsync(runtime, "s2", Harness.Counter("r1"), 1);
        await PublishAsync(runtime, "s1", Harness.Counter("r2"), 2);

        Assert.Equal(5, await runtime.Outbox.RunOnceAsync(_ct));

        Assert.Equal(new[] { (Harness.Counter("r1"), 3), (Harness.Counter("r2"), 2) }, _probe.EventBatches.OrderBy(b => b.Grain.Key));
        Assert.Equal(3, (await _harness.ReadCounterAsync("r1"))!.Events);
        Assert.Equal(1L, (await _harness.Memory.ReadStateAsync(Harness.Counter("r1"), _ct))!.Version);
        Assert.Equal(0, (await _harness.Memory.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task RunOnceAsync_RedeliveryAfterLostCompletion_AppliedOnce()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.Outbox.Lease = TimeSpan.FromMinutes(1));
        await PublishAsync(runtime, "s", Harness.Counter("r"), 2);
        _harness.Storage.BeforeCompleteOutbox = () => Task.FromException(new InvalidOperationException("connection lost"));
        var outcomes = new ConcurrentQueue<OutboxDelivered>();
        runtime.Events.OutboxDelivered += outcomes.Enqueue;

        Assert.Equal(2, await runtime.Outbox.RunOnceAsync(_ct));
        _harness.Storage.BeforeCompleteOutbox = null;
        Assert.Equal(0, await runtime.Outbox.RunOnceAsync(_ct));
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await runtime.Outbox.RunOnceAsync(_ct));

        Assert.Equal([new OutboxDelivered(Harness.Counter("r"), 2, 0, false), new OutboxDelivered(Harness.Counter("r"), 2, 0, true)], outcomes);
        Assert.Single(_probe.EventBatches);
        Assert.Equal(2, (await _harness.ReadCounterAsync("r"))!.Events);
        Assert.Equal(0, (await _harness.Memory.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task RunOnceAsync_SameEventDeliveredByTwoNodes_AppliedOnce()
    {
        var first = _harness.CreateRuntime(_probe, o => o.Outbox.Lease = TimeSpan.FromMinutes(1), "first");
        var second = _harness.CreateRuntime(_probe, o => o.Outbox.Lease = TimeSpan.FromMinutes(1), "second");
        await PublishAsync(first, "s", Harness.Counter("r"), 1);
        var stolen = Assert.Single(await _harness.Memory.ClaimOutboxAsync("dead-node", 10, TimeSpan.FromMinutes(1), _ct));
        await first.GetGrain<CounterGrain>("r").InvokeAsync(g => g.GetAsync());
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await second.Outbox.RunOnceAsync(_ct));
        await first.DeliverEventsAsync(Harness.Counter("r"), [stolen.Message], _ct);

        Assert.Equal(1, (await _harness.ReadCounterAsync("r"))!.Events);
    }

    [Fact]
    public async Task DeliverEventsAsync_OtherNodeRecordsInboxFirst_LateTurnReRunsAndAppliesNothing()
    {
        var slowProbe = new GrainProbe { ReceiveWithoutWrite = true, HoldEvents = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        var hold = slowProbe.HoldEvents;
        var slow = _harness.CreateRuntime(slowProbe, node: "slow");
        var fast = _harness.CreateRuntime(new GrainProbe { ReceiveWithoutWrite = true }, node: "fast");
        await PublishAsync(slow, "s", Harness.Counter("r"), 1);
        var message = Assert.Single(await _harness.Memory.ClaimOutboxAsync("test", 1, TimeSpan.FromMinutes(1), _ct)).Message;
        var late = slow.DeliverEventsAsync(Harness.Counter("r"), [message], _ct);
        await slowProbe.EventsEntered.Task.Within();

        Assert.Equal(1, await fast.DeliverEventsAsync(Harness.Counter("r"), [message], _ct));
        hold.SetResult();

        Assert.Equal(0, await late.Within());
        Assert.Contains(_harness.Storage.Batches, b => b.Results.Any(r => r.Status == WriteStatus.DuplicateKey && r.DuplicateOwner == Harness.Counter("r")));
        Assert.Equal(new HashSet<string> { message.EventId.ToString("D") }, await _harness.Memory.FindRecordedKeysAsync(GrainRuntime.InboxScope(Harness.Counter("r")), [message.EventId.ToString("D")], _ct));
    }

    [Fact]
    public async Task RunOnceAsync_WebhookTarget_DeliveredThroughHandler()
    {
        var handler = new RecordingHandler();
        var runtime = _harness.CreateRuntime(_probe, handlers: [handler]);
        var subscription = new GrainId("webhook", "sub-1");
        await PublishAsync(runtime, "s", subscription, 3);

        Assert.Equal(3, await runtime.Outbox.RunOnceAsync(_ct));

        var (target, count) = Assert.Single(handler.Batches);
        Assert.Equal(subscription, target);
        Assert.Equal(3, count);
        Assert.Equal(0, (await _harness.Memory.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task RunOnceAsync_UnknownTargetType_LeftForAnotherNode()
    {
        var runtime = _harness.CreateRuntime(_probe);
        await PublishAsync(runtime, "s", new GrainId("unknown", "x"), 1);

        Assert.Equal(1, await runtime.Outbox.RunOnceAsync(_ct));

        Assert.Equal(1, (await _harness.Memory.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task Relay_Running_LocalCommitWakesItAndDelivers()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.Outbox.Enabled = true);
        var delivered = new TaskCompletionSource<OutboxDelivered>(TaskCreationOptions.RunContinuationsAsynchronously);
        runtime.Events.OutboxDelivered += d => delivered.TrySetResult(d);
        await runtime.StartAsync(_ct);

        await PublishAsync(runtime, "s", Harness.Counter("r"), 1);

        Assert.True((await delivered.Task.Within()).Succeeded);
        await runtime.StopAsync(_ct);
        Assert.Equal(1, (await _harness.ReadCounterAsync("r"))!.Events);
    }

    private sealed class RecordingHandler : IOutboxDeliveryHandler
    {
        public ConcurrentQueue<(GrainId Target, int Count)> Batches { get; } = new();

        public string TargetType => "webhook";

        public Task DeliverAsync(GrainId target, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
        {
            Batches.Enqueue((target, batch.Count));
            return Task.CompletedTask;
        }
    }
}
