using System.Collections.Immutable;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Actors, intake data and one well-formed command of each kind.</summary>
internal static class TicketFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    public const string TicketId = "T-20261111-0001";

    public static readonly Actor Customer = new("c-1", ActorRole.Customer);
    public static readonly Actor OtherCustomer = new("c-2", ActorRole.Customer);
    public static readonly Actor Agent = new("a-1", ActorRole.Agent);
    public static readonly Actor Supervisor = new("s-1", ActorRole.Supervisor);
    public static readonly Actor Manager = new("m-1", ActorRole.Manager);
    public static readonly Actor Merchant = new("shop-9", ActorRole.Merchant);
    public static readonly Actor OtherMerchant = new("shop-10", ActorRole.Merchant);
    public static readonly Actor SystemActor = Actor.System;

    public static Money Cny(decimal amount) => new(amount, "CNY");

    public static readonly EvidenceItem Photo = new(EvidenceKind.Photo, "https://cdn.example.com/e/1.jpg", new string('a', 64), "broken screen");

    public static readonly CustomerInfo CustomerInfo =
        new("c-1", "张三", "13812341234", "alice@example.com", "浙江省杭州市西湖区文三路 100 号", CustomerTier.Regular);

    public static readonly OrderInfo Order = new(
        "O-1", "shop-9", Cny(300), Start.AddDays(-10), Start.AddDays(-7),
        [new OrderItem("SKU-1", "Kettle", 1, Cny(300))]);

    public static OpenTicket Open(Severity severity = Severity.Normal, Actor? actor = null) => new(
        TicketId, Channel.App, "app-123", CustomerInfo, Order, TicketCategory.ProductQuality, severity,
        RequestedOutcome.ReturnAndRefund, "The kettle leaks.", [Photo])
    { Actor = actor ?? Agent };

    public static ResolutionPlan RefundPlan(decimal amount = 100) => new(ResolutionKind.Refund, Cny(amount));

    public static ResolutionPlan ReturnAndRefundPlan(decimal amount = 300) =>
        new(ResolutionKind.ReturnAndRefund, Cny(amount), ShippingPayer.Merchant);

    public static ResolutionPlan CompensationPlan(decimal amount = 50) => new(ResolutionKind.Compensation, Cny(amount));

    public static ResolutionPlan ApologyPlan() => new(ResolutionKind.Apology, null, Note: "We are sorry.");

    /// <summary>A command of the given kind that is well formed for a ticket built by <see cref="TicketDriver"/>.</summary>
    public static TicketCommand Sample(TicketCommandKind kind, TicketState? state) => kind switch
    {
        TicketCommandKind.Open => Open(),
        TicketCommandKind.Acknowledge => new AcknowledgeTicket("We are on it.") { Actor = Agent },
        TicketCommandKind.Assign => new AssignTicket(Department.ProductQuality, "a-1") { Actor = Supervisor },
        TicketCommandKind.RequestInformation => new RequestInformation("A photo of the label, please.") { Actor = Agent },
        TicketCommandKind.CustomerReply => new RecordCustomerReply("Here it is.", [Photo]) { Actor = Customer },
        TicketCommandKind.AddEvidence => new AddEvidence([Photo]) { Actor = Customer },
        TicketCommandKind.AddContact => new AddContact(Channel.Hotline, "call-77", "Called about the kettle.", []) { Actor = Agent },
        TicketCommandKind.RequestMerchantResponse => new RequestMerchantResponse("Please respond with evidence.") { Actor = Agent },
        TicketCommandKind.MerchantResponse => new RecordMerchantResponse(MerchantPosition.Dispute, "Sold intact.", [Photo]) { Actor = Merchant },
        TicketCommandKind.StartInvestigation => new StartInvestigation(InvestigationKind.Inspection, "Inspect the kettle.") { Actor = Agent },
        TicketCommandKind.InspectionResult => new RecordInspectionResult("Seal defective.", []) { Actor = Agent },
        TicketCommandKind.DetermineResponsibility => new DetermineResponsibility(ResponsibleParty.Merchant, "Manufacturing defect.") { Actor = Agent },
        TicketCommandKind.ChangeSeverity => new ChangeSeverity(state?.Severity == Severity.Urgent ? Severity.Normal : Severity.Urgent, "Scalding risk.") { Actor = Agent },
        TicketCommandKind.ChangeCategory => new ChangeCategory(state?.Category == TicketCategory.Counterfeit ? TicketCategory.ProductQuality : TicketCategory.Counterfeit, "Fake seal.") { Actor = Agent },
        TicketCommandKind.ProposeResolution => new ProposeResolution(RefundPlan()) { Actor = Agent },
        TicketCommandKind.ApprovePlan => new ApprovePlan("OK") { Actor = Supervisor },
        TicketCommandKind.RejectPlan => new RejectPlan("Too generous.") { Actor = Supervisor },
        TicketCommandKind.CustomerConfirmation => new RecordCustomerConfirmation(true, "I agree to the plan.") { Actor = Customer },
        TicketCommandKind.AuthorizeReturn => new AuthorizeReturn("Warehouse 3, Hangzhou", null) { Actor = Agent },
        TicketCommandKind.ReturnShipped => new RecordReturnShipped("SF Express", "SF123") { Actor = Customer },
        TicketCommandKind.ReturnReceived => new RecordReturnReceived("Box intact") { Actor = Agent },
        TicketCommandKind.WarehouseInspection => new RecordWarehouseInspection(WarehouseOutcome.Pass, null) { Actor = Agent },
        TicketCommandKind.RefundIssued => new RecordRefundIssued(
            Cny(state?.Plan?.Amount is { } a ? a.Amount - state.Execution.Paid : 1), "pay-1") { Actor = SystemActor },
        TicketCommandKind.ReplacementShipped => new RecordReplacementShipped("SF Express", "SF999") { Actor = Merchant },
        TicketCommandKind.RepairCompleted => new RecordRepairCompleted("Seal replaced") { Actor = Merchant },
        TicketCommandKind.Resolve => new ResolveTicket("Refunded; customer notified by SMS.") { Actor = Agent },
        TicketCommandKind.AnswerOnTheSpot => new AnswerOnTheSpot("Hold the button for five seconds to reset the kettle.") { Actor = Agent },
        TicketCommandKind.Decline => new DeclineTicket(DeclineReason.OutsidePolicy, "The warranty ended last year.") { Actor = Agent },
        TicketCommandKind.CloseAsDuplicate => new CloseAsDuplicate("T-20261110-0007", "Same kettle, same order.") { Actor = Agent, Original = new TicketReference("T-20261110-0007", null, null) },
        TicketCommandKind.CloseAsSpam => new CloseAsSpam("Advertising.") { Actor = Agent },
        TicketCommandKind.Satisfaction => new RecordSatisfaction(4, "Fine") { Actor = Customer },
        TicketCommandKind.Reopen => new ReopenTicket("Still leaking.") { Actor = Customer },
        TicketCommandKind.Close => new CloseTicket(null) { Actor = Agent },
        TicketCommandKind.Withdraw => new WithdrawTicket("Found a workaround.") { Actor = Customer },
        TicketCommandKind.Archive => new ArchiveTicket { Actor = SystemActor },
        TicketCommandKind.Escalate => new EscalateTicket("Customer asks for a supervisor.") { Actor = Customer },
        TicketCommandKind.DeadlineReached => state?.PendingTicks.FirstOrDefault() is { Clock: var k, Generation: var g, DueAt: var d } && g > 0
            ? new DeadlineReached(k, g, d) { Actor = SystemActor }
            : new DeadlineReached(ClockKind.FirstResponse, 99, Start) { Actor = SystemActor },
        TicketCommandKind.RecordCost => new RecordCost(MoneyLineKind.Other, CostParty.Merchant, CostParty.Platform, Cny(20), "Third-party appraisal fee.") { Actor = Agent },
        TicketCommandKind.RecordLogisticsIssue => new RecordLogisticsIssue(LogisticsExceptionKind.HeldAtCustoms, "Customs asks for the buyer's ID.") { Actor = Agent },
        TicketCommandKind.ClearLogisticsIssue => new ClearLogisticsIssue(
            state?.LogisticsExceptions.FirstOrDefault()?.Kind ?? LogisticsExceptionKind.Lost, "Parcel found at the depot.") { Actor = Agent },
        TicketCommandKind.CustomsDocuments => new RecordCustomsDocuments("Passport copy and invoice.") { Actor = Customer },
        TicketCommandKind.Reply => new ReplyToCustomer(ReplyVisibility.Public, "The courier collects the kettle tomorrow.") { Actor = Agent },
        TicketCommandKind.CallbackDone => new RecordCallbackDone(CallbackOutcome.Settled, "Called back; the customer accepts the refund.") { Actor = Agent },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ImmutableArray<TicketCommandKind> AllKinds { get; } = [.. Enum.GetValues<TicketCommandKind>()];
}
