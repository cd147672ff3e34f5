using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Parties;

public sealed class TicketFeedsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 11, 10, 0, 0, TimeSpan.Zero);

    private static readonly TicketState Ticket = TicketState.Replay(
    [
        new TicketOpened(
            Channel.App, "app-1", new CustomerInfo("c-1", "Li", "13800000000", "", "", CustomerTier.Regular),
            new OrderInfo("o-1", "m-1", new Money(100, "CNY"), At.AddDays(-3), null, []),
            TicketCategory.ProductQuality, Severity.Normal, RequestedOutcome.Refund, "Broken.", [])
        { TicketId = "T1", Sequence = 1, At = At, Actor = new Actor("c-1", ActorRole.Customer) },
    ]);

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

    [Theory]
    [InlineData(WarehouseOutcome.NotOriginalItem, InspectionFinding.ItemSwappedOrMissing)]
    [InlineData(WarehouseOutcome.AccessoriesMissing, InspectionFinding.AccessoriesMissing)]
    [InlineData(WarehouseOutcome.DamagedByCustomer, InspectionFinding.DamagedByCustomer)]
    public void ForCustomer_WarehouseInspected_MapsTheFinding(WarehouseOutcome outcome, InspectionFinding expected)
    {
        var e = new WarehouseInspected(outcome, "checked", Deemed: false) { TicketId = "T1", Sequence = 9, At = At, Actor = new Actor("w-1", ActorRole.Agent) };

        Assert.Equal(expected, Assert.IsType<ReturnInspected>(TicketFeeds.ForCustomer(Ticket, e)).Finding);
    }

    [Theory]
    [InlineData(InspectionOutcome.NotOriginalItem, InspectionFinding.ItemSwappedOrMissing)]
    [InlineData(InspectionOutcome.AccessoriesMissing, InspectionFinding.AccessoriesMissing)]
    [InlineData(InspectionOutcome.DefectConfirmed, InspectionFinding.AsDescribed)]
    public void ForCustomer_InvestigationInspectionWithOutcome_MapsTheFinding(InspectionOutcome outcome, InspectionFinding expected)
    {
        var e = new InspectionResultRecorded("serial differs", []) { Outcome = outcome, TicketId = "T1", Sequence = 5, At = At, Actor = new Actor("a-1", ActorRole.Agent) };

        var fact = Assert.IsType<ReturnInspected>(TicketFeeds.ForCustomer(Ticket, e));

        Assert.Equal(("T1:5", expected), (fact.EventId, fact.Finding));
    }

    [Fact]
    public void ForCustomer_InvestigationInspectionWithoutOutcome_NoFact()
    {
        var e = new InspectionResultRecorded("looked at it", []) { TicketId = "T1", Sequence = 5, At = At, Actor = new Actor("a-1", ActorRole.Agent) };

        Assert.Null(TicketFeeds.ForCustomer(Ticket, e));
    }

    [Fact]
    public void OutboxId_SameEventAndReceiver_SameIdElseDifferent()
    {
        Assert.Equal(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:1", "merchant/M1"));
        Assert.NotEqual(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:1", "customer/C1"));
        Assert.NotEqual(TicketFeeds.OutboxId("T1:1", "merchant/M1"), TicketFeeds.OutboxId("T1:2", "merchant/M1"));
    }
}
