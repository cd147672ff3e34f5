using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Who pays: the money lines the responsibility decision, the merchant's silence and the plan derive,
/// and the ones staff record by hand.</summary>
public sealed class MoneyLineTests
{
    private static TicketDriver ConfirmedAfter(ResolutionPlan plan, Action<TicketDriver> investigate)
    {
        var driver = new TicketDriver();
        driver.InProgress();
        investigate(driver);
        driver.Must(new ProposeResolution(plan) { Actor = Agent });
        if (driver.Ticket.Status == S.PendingApproval)
        {
            driver.Must(new ApprovePlan(null) { Actor = Supervisor });
        }

        driver.Must(new RecordCustomerConfirmation(true, "I accept.") { Actor = Customer });
        return driver;
    }

    private static void Responsible(TicketDriver driver, ResponsibleParty party) =>
        driver.Must(new DetermineResponsibility(party, "Seal defective from the factory.") { Actor = Supervisor });

    [Fact]
    public void RefundIssued_MerchantResponsible_ChargedBackToMerchantNamingWhoDecided()
    {
        var driver = ConfirmedAfter(RefundPlan(100), d => Responsible(d, ResponsibleParty.Merchant));

        driver.Must(new RecordRefundIssued(Cny(100), "pay-1") { Actor = SystemActor });

        var line = Assert.Single(driver.Ticket.MoneyLines);
        Assert.Equal((MoneyLineKind.RefundChargeback, CostParty.Merchant, CostParty.Platform, Cny(100), MoneyLineBasis.Responsibility, Supervisor),
            (line.Kind, line.Payer, line.Payee, line.Amount, line.Basis, line.DecidedBy));
        Assert.Equal(SystemActor, driver.LastEvents.OfType<MoneyLineRecorded>().Single().Actor);
    }

    [Theory]
    [InlineData(ResponsibleParty.Platform)]
    [InlineData(ResponsibleParty.Customer)]
    [InlineData(ResponsibleParty.Undetermined)]
    public void RefundIssued_MerchantNotResponsibleNorSilent_NoLine(ResponsibleParty party)
    {
        var driver = ConfirmedAfter(RefundPlan(100), d => Responsible(d, party));

        driver.Must(new RecordRefundIssued(Cny(100), "pay-1") { Actor = SystemActor });

        Assert.Empty(driver.Ticket.MoneyLines);
    }

    [Fact]
    public void RefundIssued_CarrierResponsible_ChargedBackToCarrier()
    {
        var driver = ConfirmedAfter(RefundPlan(80), d => Responsible(d, ResponsibleParty.Carrier));

        driver.Must(new RecordRefundIssued(Cny(80), null) { Actor = SystemActor });

        Assert.Equal(CostParty.Carrier, Assert.Single(driver.Ticket.MoneyLines).Payer);
    }

    [Fact]
    public void RefundIssued_MerchantSilentPastItsWindow_PlatformAdvancesAndRecoversFromMerchant()
    {
        var driver = ConfirmedAfter(RefundPlan(100), d =>
        {
            d.Must(new RequestMerchantResponse("Please respond.") { Actor = Agent });
            d.FireNext(ClockKind.MerchantResponse);
            d.FireNext(ClockKind.MerchantResponse);
            d.Must(new RecordInspectionResult("Seal defective.", []) { Actor = Agent });
        });

        driver.Must(new RecordRefundIssued(Cny(100), "pay-1") { Actor = SystemActor });

        Assert.Collection(
            driver.Ticket.MoneyLines,
            advance => Assert.Equal((MoneyLineKind.AdvancePayment, CostParty.Platform, CostParty.Customer, MoneyLineBasis.MerchantSilent, Actor.System),
                (advance.Kind, advance.Payer, advance.Payee, advance.Basis, advance.DecidedBy)),
            recovery => Assert.Equal((MoneyLineKind.RefundChargeback, CostParty.Merchant, CostParty.Platform, Cny(100)),
                (recovery.Kind, recovery.Payer, recovery.Payee, recovery.Amount)));
    }

    [Fact]
    public void ReturnShipped_ShippingCostAndPlanHasMerchantPay_LineFromThePlanNamingTheProposer()
    {
        var driver = ConfirmedAfter(ReturnAndRefundPlan(), _ => { });
        driver.Must(Sample(TicketCommandKind.AuthorizeReturn, driver.Ticket));

        driver.Must(new RecordReturnShipped("SF Express", "SF123") { Actor = Customer, ShippingCost = Cny(12) });

        var line = Assert.Single(driver.Ticket.MoneyLines);
        Assert.Equal((MoneyLineKind.ReturnShipping, CostParty.Merchant, CostParty.Customer, Cny(12), MoneyLineBasis.Plan, Agent),
            (line.Kind, line.Payer, line.Payee, line.Amount, line.Basis, line.DecidedBy));
    }

    [Fact]
    public void ReturnShipped_ResponsibilityDecided_ResponsiblePartyBearsShippingWhateverThePlanSaid()
    {
        var plan = ReturnAndRefundPlan() with { ShippingPaidBy = ShippingPayer.Customer };
        var driver = ConfirmedAfter(plan, d => Responsible(d, ResponsibleParty.Platform));
        driver.Must(Sample(TicketCommandKind.AuthorizeReturn, driver.Ticket));

        driver.Must(new RecordReturnShipped("SF Express", "SF123") { Actor = Customer, ShippingCost = Cny(12) });

        var line = Assert.Single(driver.Ticket.MoneyLines);
        Assert.Equal((CostParty.Platform, MoneyLineBasis.Responsibility, Supervisor), (line.Payer, line.Basis, line.DecidedBy));
    }

    [Fact]
    public void ReturnShipped_ShippingCostInAnotherCurrency_ValidationFailed()
    {
        var driver = ConfirmedAfter(ReturnAndRefundPlan(), _ => { });
        driver.Must(Sample(TicketCommandKind.AuthorizeReturn, driver.Ticket));

        var refused = driver.MustFail(new RecordReturnShipped("SF Express", "SF123") { Actor = Customer, ShippingCost = new Money(2, "USD") });

        Assert.Equal("shippingCost", Assert.IsType<ValidationFailed>(refused).Field);
    }

    [Fact]
    public void RecordCost_ByStaff_LineWithStaffBasisAndTheActor()
    {
        var driver = new TicketDriver().To(S.Resolved);

        driver.Must(new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Platform, Cny(20), "Appraisal fee.") { Actor = Supervisor });

        var line = Assert.Single(driver.Ticket.MoneyLines);
        Assert.Equal((MoneyLineBasis.Staff, Supervisor, "Appraisal fee."), (line.Basis, line.DecidedBy, line.Reason));
        Assert.Equal(driver.Ticket.MoneyLines.ToArray(), TicketState.Replay(driver.History).MoneyLines.ToArray());
    }

    [Fact]
    public void RecordCost_PayerIsPayee_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.InProgress);

        var refused = driver.MustFail(new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Merchant, Cny(20), "x") { Actor = Agent });

        Assert.Equal("payee", Assert.IsType<ValidationFailed>(refused).Field);
    }

    [Fact]
    public void RecordCost_OtherCurrencyOrNothing_ValidationFailedOnAmount()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.Equal("amount", Assert.IsType<ValidationFailed>(driver.MustFail(
            new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Platform, new Money(20, "EUR"), "x") { Actor = Agent })).Field);
        Assert.Equal("amount", Assert.IsType<ValidationFailed>(driver.MustFail(
            new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Platform, Cny(0), "x") { Actor = Agent })).Field);
    }

    [Fact]
    public void RecordCost_ByMerchant_ActorNotPermitted()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(
            new RecordCost(MoneyLineKind.Other, CostParty.Platform, CostParty.Merchant, Cny(20), "x") { Actor = Merchant }));
    }

    [Fact]
    public void MerchantView_MoneyLines_OnlyTheMerchantsOwnWithReasonRedacted()
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.Must(new RecordCost(MoneyLineKind.Other, CostParty.Platform, CostParty.Customer, Cny(5), "Goodwill.") { Actor = Agent });
        driver.Must(new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Platform, Cny(20), "Courier called 13812341234.") { Actor = Agent });

        var line = Assert.Single(MerchantTicketView.From(driver.Ticket).MoneyLines);

        Assert.Equal(CostParty.Merchant, line.Payer);
        Assert.DoesNotContain("13812341234", line.Reason, StringComparison.Ordinal);
    }
}
