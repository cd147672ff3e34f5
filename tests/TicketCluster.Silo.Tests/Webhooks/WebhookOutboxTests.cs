using TicketCluster.Grains;
using TicketCluster.Runtime.Diagnostics;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>
/// Ticket grains, the outbox relay and the webhook handler together, on the manual clock: which events
/// are published to which feed, and what happens to a feed when its receiver fails.
/// </summary>
public sealed class WebhookOutboxTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task RunOutboxRound_TicketEvents_DeliveredInOrderOnceEach()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url));
        await node.OpenAsync("tk-1");
        await node.AcknowledgeAsync("tk-1");

        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);

        Assert.Equal(await node.EventIdsAsync("tk-1"), _receiver.Received.Select(r => r.EventId));
        Assert.All(_receiver.Received, r => Assert.True(r.IsSignedWith(WebhookNode.Secret)));
        Assert.Equal(0, (await node.Storage.ReadStatisticsAsync(CancellationToken.None)).OutboxPending);
    }

    [Fact]
    public async Task RunOutboxRound_SubscriptionWithEventTypes_ReceivesOnlyThose()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url, eventTypes: ["opened", "acknowledged"]));
        await node.OpenAsync("tk-1");
        await node.AcknowledgeAsync("tk-1");

        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);

        Assert.Equal(["opened", "acknowledged"], _receiver.Received.Select(r => r.EventType));
    }

    [Fact]
    public async Task RunOutboxRound_ReceiverFailedUntilLeaseEnds_LaterEventsWaitThenAllArriveInOrder()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url));
        _receiver.Respond = (_, index, _) => Task.FromResult(index == 0 ? 500 : 200);
        await node.OpenAsync("tk-1");
        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);
        Assert.Single(_receiver.Received);

        await node.AcknowledgeAsync("tk-1");
        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);
        Assert.Single(_receiver.Received);

        node.Clock.Advance(WebhookNode.Lease);
        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);

        var expected = await node.EventIdsAsync("tk-1");
        Assert.Equal(expected, _receiver.DistinctEventIds);
        Assert.Equal([expected[0], .. expected], _receiver.Received.Select(r => r.EventId));
        Assert.Equal(0, (await node.Storage.ReadStatisticsAsync(CancellationToken.None)).OutboxPending);
    }

    [Fact]
    public async Task RunOutboxRound_AddressRefused_NoRequestAndEventsStayPending()
    {
        var byName = new UriBuilder(_receiver.Url) { Host = "localhost" }.Uri;
        await using var node = new WebhookNode(WebhookNode.Settings(byName, allowLoopback: false));
        var failed = new TaskCompletionSource<OutboxDelivered>(TaskCreationOptions.RunContinuationsAsynchronously);
        node.Runtime.Events.OutboxDelivered += d =>
        {
            if (d.Target.Type == GrainTypes.Webhook)
            {
                failed.TrySetResult(d);
            }
        };
        await node.OpenAsync("tk-1");

        await node.Runtime.RunOutboxRoundAsync(CancellationToken.None);

        Assert.False((await failed.Task).Succeeded);
        Assert.Empty(_receiver.Received);
        var pending = (await node.Storage.ReadStatisticsAsync(CancellationToken.None)).OutboxPending;
        Assert.Equal((await node.EventIdsAsync("tk-1")).Count, pending);
    }
}
