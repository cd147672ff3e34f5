using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Parties;

public sealed class TicketFeedsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 11, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForMerchant_ResponseWithItsDueTime_FactCarriesThatDueTime()
    {
        var due = At.AddHours(-2);
        var e = new Domain.Tickets.MerchantResponded(MerchantPosition.Accept, "We refund.", ImmutableArray<EvidenceItem>.Empty, due)
        { TicketId = "T1", Sequence = 7, At = At, Actor = new Actor("M1", ActorRole.Merchant) };

        var fact = Assert.IsType<Domain.Parties.MerchantResponded>(TicketFeeds.ForMerchant(null, e));

        Assert.Equal("T1:7", fact.EventId);
        Assert.Equal(due, fact.DueAt);
    }

    [Theory]
    [InlineData(ResponsibleParty.Merchant, MerchantLiability.Full)]
    [InlineData(ResponsibleParty.Shared, MerchantLiability.Shared)]
    [InlineData(ResponsibleParty.Customer, MerchantLiability.None)]
    [InlineData(ResponsibleParty.Carrier, MerchantLiability.None)]
    [InlineData(ResponsibleParty.Platform, MerchantLiability.None)]
    [InlineData(ResponsibleParty.Undetermined, MerchantLiability.Undetermined)]
    public void ForMerchant_ResponsibilityDetermined_MapsTheParty(ResponsibleParty party, MerchantLiability expected)
    {
        var e = new Domain.Tickets.ResponsibilityDetermined(party, "photos show transit damage")
        { TicketId = "T1", Sequence = 3, At = At, Actor = new Actor("agent-7", ActorRole.Agent) };

        var fact = Assert.IsType<Domain.Parties.ResponsibilityDetermined>(TicketFeeds.ForMerchant(null, e));

        Assert.Equal(expected, fact.Liability);
    }

    [Fact]
    public void OutboxId_SameEventAndReceiver_SameIdElseDifferent()
    {
        Assert.Equal(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:1", "merchant/M1"));
        Assert.NotEqual(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:1", "customer/C1"));
        Assert.NotEqual(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:2", "merchant/M1"));
    }
}
