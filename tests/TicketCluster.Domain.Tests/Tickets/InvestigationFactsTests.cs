using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>What an investigation inspection records: its verdict and the warranty the decider assesses
/// from the purchase date, the period and the decision's time.</summary>
public sealed class InvestigationFactsTests
{
    private static RecordInspectionResult Inspection(InspectionOutcome? outcome = null, int? months = null) =>
        new("Serial number differs from the one sold.", []) { Actor = Agent, Outcome = outcome, WarrantyMonths = months };

    [Fact]
    public void InspectionResult_WarrantyStillRunning_WithinWarrantyUntilPurchasePlusMonths()
    {
        var driver = new TicketDriver().To(S.UnderInvestigation);

        var recorded = Assert.IsType<InspectionResultRecorded>(driver.Must(Inspection(months: 12))[0]);

        Assert.Equal(new WarrantyAssessment(12, Order.PurchasedAt.AddMonths(12), true), recorded.Warranty);
        Assert.Equal(recorded.Warranty, driver.Ticket.Warranty);
    }

    [Fact]
    public void InspectionResult_WarrantyEnded_NotWithinWarranty()
    {
        var driver = new TicketDriver().To(S.UnderInvestigation);

        // The order was bought ten days before the ticket opened: a one-month warranty has ended 25 days later.
        driver.AdvanceTo(Order.PurchasedAt.AddMonths(1));
        driver.Must(Inspection(months: 1));

        Assert.False(driver.Ticket.Warranty?.WithinWarranty);
        Assert.Equal(Order.PurchasedAt.AddMonths(1), driver.Ticket.Warranty?.EndsAt);
    }

    [Fact]
    public void WarrantyAssessment_LastMomentBeforeTheEnd_Within()
    {
        var bought = new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero);

        var assessment = WarrantyAssessment.At(bought, 1, new DateTimeOffset(2026, 2, 28, 9, 59, 59, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), assessment.EndsAt);
        Assert.True(assessment.WithinWarranty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public void InspectionResult_WarrantyMonthsOutOfRange_ValidationFailed(int months)
    {
        var driver = new TicketDriver().To(S.UnderInvestigation);

        Assert.Equal("warrantyMonths", Assert.IsType<ValidationFailed>(driver.MustFail(Inspection(months: months))).Field);
    }

    [Theory]
    [InlineData(InspectionOutcome.NotOriginalItem)]
    [InlineData(InspectionOutcome.AccessoriesMissing)]
    public void InspectionResult_Outcome_RecordedOnEventAndTicket(InspectionOutcome outcome)
    {
        var driver = new TicketDriver().To(S.UnderInvestigation);

        var recorded = Assert.IsType<InspectionResultRecorded>(driver.Must(Inspection(outcome))[0]);

        Assert.Equal(outcome, recorded.Outcome);
        Assert.Equal(outcome, driver.Ticket.InspectionOutcome);
        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Equal(outcome, TicketState.Replay(driver.History).InspectionOutcome);
    }

    [Fact]
    public void InspectionResult_UnknownOutcomeNumber_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.UnderInvestigation);

        Assert.Equal("outcome", Assert.IsType<ValidationFailed>(driver.MustFail(Inspection((InspectionOutcome)42))).Field);
    }

    [Theory]
    [InlineData(WarehouseOutcome.NotOriginalItem)]
    [InlineData(WarehouseOutcome.AccessoriesMissing)]
    public void WarehouseInspection_SwappedOrIncomplete_PlanDroppedBackInProgress(WarehouseOutcome outcome)
    {
        var driver = new TicketDriver().To(S.ReturnReceived);

        driver.Must(new RecordWarehouseInspection(outcome, "Not what we sold.") { Actor = Agent });

        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Null(driver.Ticket.Plan);
    }
}
