using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Orleans;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Parties;

/// <summary>The customer and merchant grains trim their history when they apply facts (docs/classification.md).</summary>
public sealed class PartyRetentionTests() : OrleansClusterTests
{
    private readonly Dictionary<string, long> _sequences = [];

    private DateTimeOffset Now => Cluster.Clock.GetUtcNow();

    private static DateTimeOffset Days(DateTimeOffset at, double days) => at + TimeSpan.FromDays(days);

    /// <summary>Each ticket's facts in the order given, numbered on from that ticket's last one.</summary>
    private async Task DeliverToCustomerAsync(params CustomerFact[] facts)
    {
        foreach (var ticket in facts.GroupBy(f => f.TicketId))
        {
            await Cluster.Grains.GetGrain<ICustomerGrain>("C1").ApplyFactsAsync(ticket.Key, [.. ticket.Select(f => new Sequenced<CustomerFact>(Next(ticket.Key), f))]);
        }
    }

    private async Task DeliverToMerchantAsync(params MerchantFact[] facts)
    {
        foreach (var ticket in facts.GroupBy(f => f.TicketId))
        {
            await Cluster.Grains.GetGrain<IMerchantGrain>("M1").ApplyFactsAsync(ticket.Key, [.. ticket.Select(f => new Sequenced<MerchantFact>(Next(ticket.Key), f))]);
        }
    }

    private long Next(string ticketId) => _sequences[ticketId] = _sequences.GetValueOrDefault(ticketId) + 1;

    [Fact]
    public async Task ApplyFactsAsync_HistoryOlderThanRetention_ForgottenOpenComplaintsAndRuleWindowsKept()
    {
        var start = Now;
        await DeliverToCustomerAsync(
            new ComplaintOpened("T-old:1", "T-old", start, "O-old", TicketCategory.ProductQuality),
            new ComplaintOpened("T-open:1", "T-open", start, "O-open", TicketCategory.Logistics),
            new ReturnReceived("T-old:5", "T-old", Days(start, 1), "O-old"),
            new ComplaintClosed("T-old:9", "T-old", Days(start, 1)));

        Cluster.Clock.Advance(TimeSpan.FromDays(420));
        var now = Now;
        await DeliverToCustomerAsync(
            new ComplaintOpened("T3:1", "T3", Days(now, -85), "O3", TicketCategory.ProductQuality),
            new ReturnReceived("T3:5", "T3", Days(now, -80), "O3"),
            new ReturnInspected("T3:6", "T3", Days(now, -79), InspectionFinding.DamagedByCustomer),
            new ComplaintClosed("T3:9", "T3", Days(now, -70)),
            new ComplaintOpened("T4:1", "T4", Days(now, -20), "O4", TicketCategory.ProductQuality),
            new ComplaintClosed("T4:9", "T4", Days(now, -10)));

        var profile = await Cluster.Grains.GetGrain<ICustomerGrain>("C1").GetAsync();
        Assert.Equal(["T-open", "T3", "T4"], profile.Complaints.Select(c => c.TicketId));
        Assert.Equal(["T3"], profile.Returns.Select(r => r.TicketId));
        Assert.Equal("T-open", profile.FindOpenTicket("O-open", TicketCategory.Logistics));
        Assert.False(profile.HasComplainedAboutOrder("O-old"));
        Assert.Equal(1, profile.ComplaintsWithin(now, TimeSpan.FromDays(30)));
        Assert.Equal(new ReturnAbuseAssessment(true, 1, 1), profile.AssessReturnAbuse(now));
        Assert.Equal(now, profile.TrimmedAt);
    }

    [Fact]
    public async Task ApplyFactsAsync_LastTrimLessThanADayAgo_NothingForgottenUntilTheNextDay()
    {
        var start = Now;
        await DeliverToCustomerAsync(new ComplaintOpened("T1:1", "T1", Days(start, -500), "O1", TicketCategory.ProductQuality));
        await DeliverToCustomerAsync(new ComplaintClosed("T1:9", "T1", Days(start, -450)));
        var customer = Cluster.Grains.GetGrain<ICustomerGrain>("C1");

        var sameDay = await customer.GetAsync();
        Cluster.Clock.Advance(TimeSpan.FromDays(1));
        await DeliverToCustomerAsync(new ComplaintOpened("T2:1", "T2", Now, "O2", TicketCategory.ProductQuality));
        var nextDay = await customer.GetAsync();

        Assert.Equal(["T1"], sameDay.Complaints.Select(c => c.TicketId));
        Assert.Equal(start, sameDay.TrimmedAt);
        Assert.Equal(["T2"], nextDay.Complaints.Select(c => c.TicketId));
        Assert.Equal(Now, nextDay.TrimmedAt);
    }

    [Fact]
    public async Task ApplyFactsAsync_StrikesOlderThanRetention_ForgottenTotalAndStrikeWindowKept()
    {
        var start = Now;
        await DeliverToMerchantAsync(
            new DisputeOpened("T1:1", "T1", start),
            new MerchantDeadlineMissed("T1:4", "T1", Days(start, 2)),
            new DisputeClosed("T1:9", "T1", Days(start, 3)));

        Cluster.Clock.Advance(TimeSpan.FromDays(420));
        var now = Now;
        await DeliverToMerchantAsync(
            new DisputeOpened("T2:1", "T2", Days(now, -25)),
            new MerchantDeadlineMissed("T2:4", "T2", Days(now, -20)));

        var card = await Cluster.Grains.GetGrain<IMerchantGrain>("M1").GetAsync();
        Assert.Equal(["T2"], card.Strikes.Select(s => s.TicketId));
        Assert.Equal(2, card.TotalStrikes);
        Assert.Equal(1, card.StrikesWithin(now, TimeSpan.FromDays(30)));
        Assert.Equal(["T2"], card.OpenDisputes);
        Assert.Equal(now, card.TrimmedAt);
    }
}
