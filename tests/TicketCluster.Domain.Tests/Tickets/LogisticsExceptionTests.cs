using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Logistics exceptions, their clocks, and the customs hold that pauses the resolution clock until
/// the customer's documents arrive.</summary>
public sealed class LogisticsExceptionTests
{
    private static TicketDriver HeldAtCustoms()
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.Must(new RecordLogisticsIssue(LogisticsExceptionKind.HeldAtCustoms, "Customs asks for the buyer's ID.") { Actor = Agent });
        return driver;
    }

    [Theory]
    [InlineData(LogisticsExceptionKind.Lost, ClockKind.CarrierTrace)]
    [InlineData(LogisticsExceptionKind.Late, ClockKind.CarrierTrace)]
    [InlineData(LogisticsExceptionKind.DamagedInTransit, ClockKind.CarrierTrace)]
    [InlineData(LogisticsExceptionKind.HeldAtCustoms, ClockKind.CustomsDocuments)]
    [InlineData(LogisticsExceptionKind.WrongAddress, ClockKind.AddressConfirmation)]
    public void RecordLogisticsIssue_EachKind_OpenWithTheClockOfThePartyThatMustAct(LogisticsExceptionKind kind, ClockKind clock)
    {
        var driver = new TicketDriver().To(S.InProgress);

        driver.Must(new RecordLogisticsIssue(kind, "Carrier reports a problem.") { Actor = Agent });

        Assert.Equal(kind, Assert.Single(driver.Ticket.LogisticsExceptions).Kind);
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(clock)!.Status);
        Assert.Equal(driver.Policy.Sla.WindowOf(clock, driver.Ticket.Severity), driver.Ticket.Clock(clock)!.Window);
    }

    [Fact]
    public void RecordLogisticsIssue_CustomsHold_PausesResolutionClock()
    {
        var driver = HeldAtCustoms();

        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
        Assert.Equal(TimeSpan.FromDays(7), driver.Ticket.Clock(ClockKind.CustomsDocuments)!.Window);
    }

    [Fact]
    public void RecordLogisticsIssue_SameKindOpen_RuleViolated()
    {
        var driver = HeldAtCustoms();

        var refused = Assert.IsType<RuleViolated>(driver.MustFail(new RecordLogisticsIssue(LogisticsExceptionKind.HeldAtCustoms, "Again.") { Actor = Agent }));

        Assert.Equal("logistics-exception-open", refused.Rule);
    }

    [Fact]
    public void CustomsDocuments_WhileHeld_MeetsDocumentsClockResumesResolutionAndEndsHold()
    {
        var driver = HeldAtCustoms();
        var paused = driver.Ticket.Clock(ClockKind.Resolution)!.Elapsed;
        driver.Advance(TimeSpan.FromDays(3));

        driver.Must(new RecordCustomsDocuments("Passport copy.") { Actor = Customer });

        Assert.Empty(driver.Ticket.LogisticsExceptions);
        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.CustomsDocuments)!.Status);
        var resolution = driver.Ticket.Clock(ClockKind.Resolution)!;
        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(paused, resolution.ElapsedAt(driver.Now));
    }

    [Fact]
    public void CustomsDocuments_NoHold_RuleViolated()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.Equal("no-customs-hold", Assert.IsType<RuleViolated>(driver.MustFail(new RecordCustomsDocuments("ID.") { Actor = Customer })).Rule);
    }

    [Fact]
    public void ReturnShipped_DuringCustomsHold_ResolutionStaysPausedUntilDocuments()
    {
        var driver = new TicketDriver().To(S.AwaitingReturn);
        driver.Must(new RecordLogisticsIssue(LogisticsExceptionKind.HeldAtCustoms, "Return parcel held.") { Actor = Agent });

        driver.Must(Sample(TicketCommandKind.ReturnShipped, driver.Ticket));
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);

        driver.Must(new RecordCustomsDocuments("Export declaration.") { Actor = Agent });
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void CustomsDocuments_WhileAwaitingTheReturn_ResolutionStaysPausedForTheShipment()
    {
        var driver = new TicketDriver().To(S.AwaitingReturn);
        driver.Must(new RecordLogisticsIssue(LogisticsExceptionKind.HeldAtCustoms, "Held.") { Actor = Agent });

        driver.Must(new RecordCustomsDocuments("ID.") { Actor = Customer });

        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void DocumentsDeadline_Silent_ClockStopsTicketEscalatesHoldStays()
    {
        var driver = HeldAtCustoms();
        driver.FireNext(ClockKind.CustomsDocuments);

        var events = driver.FireNext(ClockKind.CustomsDocuments);

        Assert.Equal(ClockKind.CustomsDocuments, events.OfType<TicketEscalated>().Single().Clock);
        Assert.Equal(1, driver.Ticket.EscalationLevel);
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.CustomsDocuments)!.Status);
        Assert.Single(driver.Ticket.LogisticsExceptions);
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void ClearLogisticsIssue_SharedCarrierClock_FulfilledWhenTheLastClears()
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.Must(new RecordLogisticsIssue(LogisticsExceptionKind.Late, "Two days late.") { Actor = Agent });
        driver.Must(new RecordLogisticsIssue(LogisticsExceptionKind.DamagedInTransit, "Box crushed.") { Actor = Agent });

        driver.Must(new ClearLogisticsIssue(LogisticsExceptionKind.Late, "Delivered.") { Actor = Agent });
        Assert.True(driver.Ticket.Clock(ClockKind.CarrierTrace)!.IsOpen);

        driver.Must(new ClearLogisticsIssue(LogisticsExceptionKind.DamagedInTransit, "Carrier paid the claim.") { Actor = Agent });
        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.CarrierTrace)!.Status);
        Assert.Equal(driver.Ticket.LogisticsExceptions.ToArray(), TicketState.Replay(driver.History).LogisticsExceptions.ToArray());
    }

    [Fact]
    public void ClearLogisticsIssue_NoneOpen_RuleViolated()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.Equal("no-logistics-exception", Assert.IsType<RuleViolated>(driver.MustFail(new ClearLogisticsIssue(LogisticsExceptionKind.Lost, "x") { Actor = Agent })).Rule);
    }

    [Fact]
    public void RecordCost_DutiesAndTaxes_RefundedToTheCustomerOnly()
    {
        var driver = new TicketDriver().To(S.InProgress);

        driver.Must(new RecordCost(MoneyLineKind.DutiesAndTaxes, CostParty.Merchant, CostParty.Customer, Cny(35), "Import VAT refunded.") { Actor = Agent });
        var refused = driver.MustFail(new RecordCost(MoneyLineKind.DutiesAndTaxes, CostParty.Merchant, CostParty.Platform, Cny(35), "x") { Actor = Agent });

        Assert.Equal("payee", Assert.IsType<ValidationFailed>(refused).Field);
        Assert.Equal(MoneyLineKind.DutiesAndTaxes, Assert.Single(driver.Ticket.MoneyLines).Kind);
    }
}
