using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>A ticket's events reach a webhook subscription through its feed grain, in order.</summary>
public sealed class OrleansWebhookFeedTests() : OrleansClusterTests(subscriptions: new TicketSubscriptions([new TicketSubscription("hook-1", [])]))
{
    [Fact]
    public async Task ReconcileAsync_EventsOwedToSubscription_FeedSendsEachInOrder()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1");
        var acknowledged = await Cluster.Ticket("T1").ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = TestTickets.Agent }, null, null);
        var events = await Cluster.Ticket("T1").GetEventsAsync();

        await Cluster.Ticket("T1").ReconcileAsync();
        Cluster.Clock.Advance(TimeSpan.Zero);
        await Cluster.Webhooks.WaitForAsync(events.Count).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(acknowledged.IsAccepted, acknowledged.ToString());
        Assert.Equal(events.Select(e => e.EventId), Cluster.Webhooks.Sent.Select(s => s.Event.EventId));
        Assert.All(Cluster.Webhooks.Sent, s => Assert.Equal("hook-1", s.SubscriptionId));
    }
}
