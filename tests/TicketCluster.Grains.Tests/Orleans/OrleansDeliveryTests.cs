using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Merchants;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Facts a ticket owes its customer and merchant, pushed after the commit and applied once.</summary>
public sealed class OrleansDeliveryTests() : OrleansClusterTests
{
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DomainJson.Options);

    [Fact]
    public async Task ReconcileAsync_FactsOwedPushedTwice_CustomerAndMerchantApplyThemOnce()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1");
        await Cluster.Ticket("T1").ReconcileAsync();
        var customer = await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync();
        var merchant = await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync();

        await Cluster.Ticket("T1").ReconcileAsync();
        var at = Cluster.Clock.GetUtcNow();
        await Cluster.Grains.GetGrain<ICustomerGrain>("C1").ApplyFactsAsync("T1", [new Sequenced<CustomerFact>(1, new ComplaintOpened("T1:1", "T1", at, "O1", TicketCategory.ProductQuality))]);
        await Cluster.Grains.GetGrain<IMerchantPartGrain>(MerchantParts.Key("M1", MerchantParts.Of("T1"))).ApplyFactsAsync("T1", [new Sequenced<MerchantFact>(1, new DisputeOpened("T1:1", "T1", at))]);

        Assert.True(customer.HasComplainedAboutOrder("O1", null));
        Assert.Equal(1, merchant.OpenDisputeCount);
        Assert.Equal(Json(customer), Json(await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync()));
        Assert.Equal(Json(merchant), Json(await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync()));
    }

    [Fact]
    public async Task ReconcileAsync_OpenThenWithdraw_CustomerSeesTheComplaintClosedAndMerchantTheDisputeClosed()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1");
        var withdrawn = await Cluster.Ticket("T1").ExecuteAsync(new WithdrawTicket("Found the receipt.") { Actor = new Actor("C1", ActorRole.Customer) }, null, null);
        Assert.True(withdrawn.IsAccepted, withdrawn.ToString());

        await Cluster.Ticket("T1").ReconcileAsync();

        Assert.Null((await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync()).FindOpenTicket("O1", TicketCategory.ProductQuality));
        Assert.Equal(0, (await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync()).OpenDisputeCount);
    }

    [Fact]
    public async Task ApplyFactsAsync_ConcurrentBatchesOfManyTickets_EachFactOnce()
    {
        var merchant = Cluster.Grains.GetGrain<IMerchantGrain>("M9");
        var at = Cluster.Clock.GetUtcNow();
        var calls = Enumerable.Range(0, 40).Select(i => merchant.ApplyFactsAsync($"T{i}", [new Sequenced<MerchantFact>(1, new DisputeOpened($"T{i}:1", $"T{i}", at))]));
        await Task.WhenAll(calls);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => merchant.ApplyFactsAsync($"T{i}", [new Sequenced<MerchantFact>(1, new DisputeOpened($"T{i}:1", $"T{i}", at))])));

        Assert.Equal(40, (await merchant.GetAsync()).OpenDisputeCount);
    }

    /// <summary>The watermarks alone deduplicate: the parties keep no applied-event log, in memory or stored,
    /// and a batch pushed again (a lost acknowledgement) changes nothing.</summary>
    [Fact]
    public async Task ApplyFactsAsync_BatchPushedAgain_DroppedByTheWatermarkWithNoEventLogKept()
    {
        var merchant = Cluster.Grains.GetGrain<IMerchantGrain>("M1");
        var customer = Cluster.Grains.GetGrain<ICustomerGrain>("C1");
        var at = Cluster.Clock.GetUtcNow();
        Sequenced<MerchantFact>[] merchantFacts = [new(1, new DisputeOpened("T1:1", "T1", at)), new(2, new MerchantDeadlineMissed("T1:2", "T1", at))];
        Sequenced<CustomerFact>[] customerFacts = [new(1, new ComplaintOpened("T1:1", "T1", at, "O1", TicketCategory.ProductQuality))];

        for (var i = 0; i < 2; i++)
        {
            await merchant.ApplyFactsAsync("T1", [.. merchantFacts]);
            await customer.ApplyFactsAsync("T1", [.. customerFacts]);
        }

        var scorecard = await merchant.GetAsync();
        Assert.Equal(1, scorecard.OpenDisputeCount);
        Assert.Equal(1, scorecard.TotalStrikes);
        Assert.Empty(scorecard.Events.Tickets);
        var profile = await customer.GetAsync();
        Assert.Equal(1, profile.ComplaintsWithin(at, TimeSpan.FromDays(1)));
        Assert.Empty(profile.Events.Tickets);
        Assert.DoesNotContain("T1:1", Cluster.StoredJson(GrainTypes.Merchant, "M1"), StringComparison.Ordinal);
    }
}
