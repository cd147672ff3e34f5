using System.Collections.Frozen;
using TicketCluster.Domain;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Support;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Messages to the customer are in the ticket's committed state before any send, and a message
/// whose send was cut off by a deactivation is sent when the ticket comes back.</summary>
public sealed class OrleansMessageDeliveryTests : IAsyncLifetime
{
    private static readonly CustomerMessaging Messaging = CustomerMessaging.None with { Channels = new[] { Channel.App }.ToFrozenSet() };

    private OrleansCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await OrleansCluster.StartAsync(messaging: Messaging);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Acknowledge_SendCutOffByDeactivation_MessageSentAfterReactivation()
    {
        var ticket = _cluster.Ticket("T1");
        await OrleansTicketClockTests.OpenAsync(ticket, "T1");
        _cluster.Messages.Hold = true;

        await ticket.ExecuteAsync(new AcknowledgeTicket("We check the kettle.") { Actor = TestTickets.Agent }, null, null);
        await ticket.ReconcileAsync();
        _cluster.Clock.Advance(TimeSpan.Zero);
        await _cluster.Messages.Started.WaitAsync(TimeSpan.FromSeconds(30));
        var committed = Assert.Single(await ticket.GetMessagesAsync());

        await _cluster.Cluster.DeactivateAsync(ticket);
        _cluster.Messages.Hold = false;
        _cluster.Messages.CutOff();
        await _cluster.Cluster.DeactivateAsync(_cluster.Grains.GetGrain<IMessageDeliveryGrain>("T1"));
        await ticket.ExecuteAsync(new ReplyToCustomer(ReplyVisibility.Public, "The courier comes tomorrow.") { Actor = TestTickets.Agent }, null, null);
        await ticket.ReconcileAsync();
        _cluster.Clock.Advance(TimeSpan.Zero);
        await _cluster.Messages.WaitForAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        var messages = await ticket.GetMessagesAsync();

        Assert.Equal((OutboundMessageKind.Acknowledgement, MessageDeliveryStatus.Queued, 0), (committed.Kind, committed.Status, committed.Attempts));
        Assert.Equal([committed.Id, messages[1].Id], _cluster.Messages.Sent.Select(m => m.Id));
        Assert.Equal(OutboundMessageKind.Reply, messages[1].Kind);
        Assert.Contains("We check the kettle.", _cluster.Messages.Sent[0].Body, StringComparison.Ordinal);
        Assert.Equal((MessageDeliveryStatus.Sent, 1), (messages[0].Status, messages[0].Attempts));
    }

    [Fact]
    public async Task InternalNote_NoMessage()
    {
        var ticket = _cluster.Ticket("T2");
        await OrleansTicketClockTests.OpenAsync(ticket, "T2");

        await ticket.ExecuteAsync(new ReplyToCustomer(ReplyVisibility.Internal, "Staff only.") { Actor = TestTickets.Agent }, null, null);

        Assert.Empty(await ticket.GetMessagesAsync());
    }
}
