using Orleans.Runtime;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The customer's and merchant's acknowledgements wait in the ticket's activation for its next
/// write, a timer, or its deactivation; lost with a node, they cost only a repeated push.</summary>
public sealed class OrleansAcknowledgementTests() : OrleansClusterTests
{
    private static readonly TimeSpan Delay = TicketDeliveryOptions.DefaultAcknowledgementWriteDelay;

    private async Task<long> OpenAndPushAsync(string id)
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket(id), id);
        await Cluster.Ticket(id).ReconcileAsync();
        Assert.Equal(1, (await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync()).OpenDisputeCount);
        return Cluster.StoredVersion(GrainTypes.Ticket, id)!.Value;
    }

    private async Task WaitForVersionAsync(string id, long version)
    {
        await OrleansCluster.WaitUntilAsync(() => Cluster.StoredVersion(GrainTypes.Ticket, id) == version);

        Assert.Equal(version, Cluster.StoredVersion(GrainTypes.Ticket, id));
    }

    private TicketGrainState StoredState(string id) => Cluster.StoredState<TicketGrainState>(GrainTypes.Ticket, id);

    [Fact]
    public async Task Push_Acknowledged_WrittenByTheTimerAfterTheDelayNotAtOnce()
    {
        var opened = await OpenAndPushAsync("T1");

        Assert.NotNull((await Cluster.RowAsync("T1"))!.EventsPendingSince);
        Assert.Equal(opened, Cluster.StoredVersion(GrainTypes.Ticket, "T1"));

        Cluster.Clock.Advance(Delay);
        await WaitForVersionAsync("T1", opened + 1);
        Assert.Null((await Cluster.RowAsync("T1"))!.EventsPendingSince);
    }

    [Fact]
    public async Task Command_BeforeTheDelay_CarriesTheAcknowledgementsInItsWrite()
    {
        var opened = await OpenAndPushAsync("T1");

        Assert.NotEmpty(StoredState("T1").PendingMerchantFacts);

        var outcome = await Cluster.Ticket("T1").ExecuteAsync(new ReplyToCustomer(ReplyVisibility.Internal, "Looking into it.") { Actor = TestTickets.Agent }, null, null);

        Assert.True(outcome.IsAccepted, outcome.ToString());
        Assert.Equal(opened + 1, Cluster.StoredVersion(GrainTypes.Ticket, "T1"));
        var stored = StoredState("T1");
        Assert.Empty(stored.PendingMerchantFacts);
        Assert.Empty(stored.PendingCustomerFacts);
    }

    [Fact]
    public async Task Deactivation_WithAcknowledgementsHeld_WritesThem()
    {
        var opened = await OpenAndPushAsync("T1");

        await Cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        await WaitForVersionAsync("T1", opened + 1);
        Assert.Null((await Cluster.RowAsync("T1"))!.EventsPendingSince);
    }
}

/// <summary>A node dies holding a ticket's unwritten acknowledgements: the ticket, activated on the other
/// node, pushes the facts again and the customer and merchant apply each once.</summary>
public sealed class OrleansAcknowledgementLossTests() : OrleansClusterTests(silos: 2)
{
    [Fact]
    public async Task NodeKilled_AcknowledgementsUnwritten_FactsPushedAgainAndAppliedOnce()
    {
        var dying = Cluster.Cluster.Silos[1];
        var ticket = Cluster.GrainsOn(1).GetGrain<ITicketGrain>("T1");
        await OrleansTicketClockTests.OpenAsync(ticket, "T1");
        await ticket.ReconcileAsync();
        var merchantBefore = await Cluster.GrainsOn(0).GetGrain<IMerchantGrain>("M1").GetAsync();
        var customerBefore = await Cluster.GrainsOn(0).GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Equal(1, merchantBefore.OpenDisputeCount);
        Assert.NotNull((await Cluster.RowAsync("T1"))!.EventsPendingSince);

        await Cluster.Cluster.KillSiloAsync(dying);
        await Cluster.GrainsOn(0).GetGrain<ITicketGrain>("T1").ReconcileAsync();

        Assert.Equal(1, (await Cluster.GrainsOn(0).GetGrain<IMerchantGrain>("M1").GetAsync()).OpenDisputeCount);
        var customer = await Cluster.GrainsOn(0).GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Equal(customerBefore.Complaints.Count, customer.Complaints.Count);
        Assert.Equal(1, customer.ComplaintsWithin(Cluster.Clock.GetUtcNow(), TimeSpan.FromDays(30)));
    }
}
