using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class MoneyAndApprovalTests
{
    private static ValidationFailed Propose(TicketDriver driver, ResolutionPlan plan) =>
        Assert.IsType<ValidationFailed>(driver.MustFail(new ProposeResolution(plan) { Actor = Agent }));

    [Fact]
    public void Propose_RefundAtOrBelowThreshold_GoesStraightToConfirmation()
    {
        var policy = TicketPolicy.Default with { ApprovalThresholds = TicketPolicy.Default.ApprovalThresholds.SetItem("CNY", 300m) };
        var driver = new TicketDriver(policy).InProgress();

        var events = driver.Must(new ProposeResolution(RefundPlan(300)) { Actor = Agent });

        Assert.False(events.OfType<ResolutionProposed>().Single().RequiresApproval);
        Assert.Equal(S.AwaitingConfirmation, driver.Ticket.Status);
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(ClockKind.CustomerConfirmation)!.Status);
    }

    [Fact]
    public void Propose_RefundAboveThreshold_NeedsSupervisorApproval()
    {
        var policy = TicketPolicy.Default with { ApprovalThresholds = TicketPolicy.Default.ApprovalThresholds.SetItem("CNY", 100m) };
        var driver = new TicketDriver(policy).InProgress();

        driver.Must(new ProposeResolution(RefundPlan(100.01m)) { Actor = Agent });

        Assert.Equal(S.PendingApproval, driver.Ticket.Status);
        Assert.Null(driver.Ticket.Clock(ClockKind.CustomerConfirmation));
        Assert.IsType<CommandNotAllowed>(driver.MustFail(Sample(K.CustomerConfirmation, driver.State)));
    }

    [Fact]
    public void Propose_CurrencyWithoutThreshold_NeedsApproval()
    {
        var policy = TicketPolicy.Default with { ApprovalThresholds = TicketPolicy.Default.ApprovalThresholds.Remove("CNY") };
        var driver = new TicketDriver(policy).InProgress();

        driver.Must(new ProposeResolution(RefundPlan(1)) { Actor = Agent });

        Assert.Equal(S.PendingApproval, driver.Ticket.Status);
    }

    [Fact]
    public void Propose_AnyCompensation_NeedsApproval()
    {
        var driver = new TicketDriver().InProgress();

        driver.Must(new ProposeResolution(CompensationPlan(1)) { Actor = Agent });

        Assert.Equal(S.PendingApproval, driver.Ticket.Status);
    }

    [Fact]
    public void Approve_BySupervisor_AsksCustomerAndPausesResolution()
    {
        var driver = new TicketDriver().To(S.PendingApproval);

        driver.Must(new ApprovePlan("Goodwill") { Actor = Manager });

        Assert.True(driver.Ticket.IsPlanApproved);
        Assert.Equal(S.AwaitingConfirmation, driver.Ticket.Status);
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void Propose_WrongCurrency_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.amount", Propose(driver, new ResolutionPlan(ResolutionKind.Refund, new Money(10, "USD"))).Field);
    }

    [Fact]
    public void Propose_RefundAboveOrderAmount_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.amount", Propose(driver, RefundPlan(300.01m)).Field);
    }

    [Fact]
    public void Propose_MoneyPlanWithoutAmount_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.amount", Propose(driver, new ResolutionPlan(ResolutionKind.Refund, null)).Field);
    }

    [Fact]
    public void Propose_ApologyWithAmount_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.amount", Propose(driver, new ResolutionPlan(ResolutionKind.Apology, Cny(5))).Field);
    }

    [Fact]
    public void Propose_ReturnAndRefundWithoutShippingPayer_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.shippingPaidBy", Propose(driver, new ResolutionPlan(ResolutionKind.ReturnAndRefund, Cny(10))).Field);
    }

    [Fact]
    public void Propose_ExchangeWithoutMode_Rejected()
    {
        var driver = new TicketDriver().InProgress();

        Assert.Equal("plan.exchange", Propose(driver, new ResolutionPlan(ResolutionKind.Exchange, null)).Field);
    }

    [Fact]
    public void Money_Negative_CannotBeConstructed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(-0.01m, "CNY"));
        Assert.Throws<ArgumentException>(() => new Money(1, "cny"));
    }

    [Fact]
    public void Refund_InFull_ThenResolve()
    {
        var driver = new TicketDriver().Executing(RefundPlan(100));

        driver.Must(new RecordRefundIssued(Cny(60), "p1") { Actor = SystemActor });
        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Resolve, driver.State)));
        driver.Must(new RecordRefundIssued(Cny(40), "p2") { Actor = SystemActor });
        driver.Must(Sample(K.Resolve, driver.State));

        Assert.Equal(100m, driver.Ticket.Refunded);
        Assert.Equal(S.Resolved, driver.Ticket.Status);
    }

    [Fact]
    public void Refund_BeyondPlan_Rejected()
    {
        var driver = new TicketDriver().Executing(RefundPlan(100));

        Assert.Equal("amount", Assert.IsType<ValidationFailed>(driver.MustFail(new RecordRefundIssued(Cny(100.01m), null) { Actor = SystemActor })).Field);
    }

    [Fact]
    public void Refund_WrongCurrency_Rejected()
    {
        var driver = new TicketDriver().Executing(RefundPlan(100));

        Assert.Equal("amount", Assert.IsType<ValidationFailed>(driver.MustFail(new RecordRefundIssued(new Money(10, "EUR"), null) { Actor = SystemActor })).Field);
    }

    [Fact]
    public void Refund_ReturnAndRefundBeforeInspection_Rejected()
    {
        var driver = new TicketDriver().Executing(ReturnAndRefundPlan());

        Assert.Equal("plan", Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.RefundIssued, driver.State))).Field);
    }

    [Fact]
    public void ReturnAndRefund_FullPath_Resolves()
    {
        var driver = new TicketDriver().ReturnedAndInspected(ReturnAndRefundPlan());

        driver.Must(Sample(K.RefundIssued, driver.State));
        driver.Must(Sample(K.Resolve, driver.State));

        Assert.Equal((S.Resolved, 300m), (driver.Ticket.Status, driver.Ticket.Refunded));
    }

    [Fact]
    public void Refunds_AcrossPlans_NeverExceedOrderAmountWithoutCompensation()
    {
        var driver = new TicketDriver().Executing(RefundPlan(250));
        driver.Must(Sample(K.RefundIssued, driver.State));
        driver.Must(Sample(K.Resolve, driver.State));
        driver.Must(Sample(K.Reopen, driver.State));

        Assert.Equal("plan.amount", Propose(driver, RefundPlan(50.01m)).Field);
        driver.Must(new ProposeResolution(RefundPlan(50)) { Actor = Agent });
    }

    [Fact]
    public void Compensation_ApprovedAndConfirmed_MayTakeTotalBeyondOrderAmount()
    {
        var driver = new TicketDriver().Executing(RefundPlan(300));
        driver.Must(Sample(K.RefundIssued, driver.State));
        driver.Must(Sample(K.Resolve, driver.State));
        driver.Must(Sample(K.Reopen, driver.State));
        driver.Must(new ProposeResolution(CompensationPlan(80)) { Actor = Agent });
        driver.Must(new ApprovePlan("Second failure") { Actor = Supervisor });
        driver.Must(new RecordCustomerConfirmation(true, "Accepted.") { Actor = Customer });

        driver.Must(new RecordRefundIssued(Cny(80), "comp-1") { Actor = SystemActor });

        Assert.Equal((380m, 380m), (driver.Ticket.Refunded, driver.Ticket.RefundCeiling));
    }

    [Fact]
    public void Exchange_ReturnFirst_ShipsOnlyAfterInspection()
    {
        var plan = new ResolutionPlan(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ReturnFirst);
        var driver = new TicketDriver().Executing(plan);
        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.ReplacementShipped, driver.State)));
        driver.Must(Sample(K.AuthorizeReturn, driver.State));
        driver.Must(Sample(K.ReturnShipped, driver.State));
        driver.Must(Sample(K.ReturnReceived, driver.State));
        driver.Must(Sample(K.WarehouseInspection, driver.State));

        driver.Must(Sample(K.ReplacementShipped, driver.State));
        driver.Must(Sample(K.Resolve, driver.State));

        Assert.Equal(S.Resolved, driver.Ticket.Status);
    }

    [Fact]
    public void Repair_CompletedThenResolved()
    {
        var driver = new TicketDriver().Executing(new ResolutionPlan(ResolutionKind.Repair, null));

        driver.Must(Sample(K.RepairCompleted, driver.State));
        driver.Must(Sample(K.Resolve, driver.State));

        Assert.Equal(S.Resolved, driver.Ticket.Status);
    }

    [Fact]
    public void AuthorizeReturn_RefundPlan_Rejected()
    {
        var driver = new TicketDriver().Executing(RefundPlan());

        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.AuthorizeReturn, driver.State)));
    }

    [Fact]
    public void AuthorizeReturn_CustomWindow_UsedForReturnShipmentClock()
    {
        var driver = new TicketDriver().Executing(ReturnAndRefundPlan());

        driver.Must(new AuthorizeReturn("Warehouse 3", TimeSpan.FromDays(3)) { Actor = Agent });

        Assert.Equal(TimeSpan.FromDays(3), driver.Ticket.Clock(ClockKind.ReturnShipment)!.Window);
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void Policy_Default_IsValidAndNegativeWindowIsNot()
    {
        Assert.Empty(TicketPolicy.Default.Validate());
        Assert.NotEmpty((TicketPolicy.Default with { Sla = SlaPolicy.Default with { Survey = TimeSpan.Zero } }).Validate());
        Assert.NotEmpty((TicketPolicy.Default with { Escalation = new EscalationThresholds(1.2, 2) }).Validate());
    }
}
