using System.Collections.Immutable;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>The name of a command, as the transition table and rejections speak of it.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<TicketCommandKind>))]
public enum TicketCommandKind
{
    Open,
    Acknowledge,
    Assign,
    RequestInformation,
    CustomerReply,
    AddEvidence,
    AddContact,
    RequestMerchantResponse,
    MerchantResponse,
    StartInvestigation,
    InspectionResult,
    DetermineResponsibility,
    ChangeSeverity,
    ChangeCategory,
    ProposeResolution,
    ApprovePlan,
    RejectPlan,
    CustomerConfirmation,
    AuthorizeReturn,
    ReturnShipped,
    ReturnReceived,
    WarehouseInspection,
    RefundIssued,
    ReplacementShipped,
    RepairCompleted,
    Resolve,
    AnswerOnTheSpot,
    Decline,
    CloseAsDuplicate,
    CloseAsSpam,
    Satisfaction,
    Reopen,
    Close,
    Withdraw,
    Archive,
    Escalate,
    DeadlineReached,
    RecordCost,
    RecordLogisticsIssue,
    ClearLogisticsIssue,
    CustomsDocuments,
    Reply,
    CallbackDone,
}

/// <summary>A request to change a ticket. Every command names the actor who sends it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OpenTicket), "open")]
[JsonDerivedType(typeof(AcknowledgeTicket), "acknowledge")]
[JsonDerivedType(typeof(AssignTicket), "assign")]
[JsonDerivedType(typeof(RequestInformation), "request-information")]
[JsonDerivedType(typeof(RecordCustomerReply), "customer-reply")]
[JsonDerivedType(typeof(AddEvidence), "add-evidence")]
[JsonDerivedType(typeof(AddContact), "add-contact")]
[JsonDerivedType(typeof(RequestMerchantResponse), "request-merchant-response")]
[JsonDerivedType(typeof(RecordMerchantResponse), "merchant-response")]
[JsonDerivedType(typeof(StartInvestigation), "start-investigation")]
[JsonDerivedType(typeof(RecordInspectionResult), "inspection-result")]
[JsonDerivedType(typeof(DetermineResponsibility), "determine-responsibility")]
[JsonDerivedType(typeof(ChangeSeverity), "change-severity")]
[JsonDerivedType(typeof(ChangeCategory), "change-category")]
[JsonDerivedType(typeof(ProposeResolution), "propose-resolution")]
[JsonDerivedType(typeof(ApprovePlan), "approve-plan")]
[JsonDerivedType(typeof(RejectPlan), "reject-plan")]
[JsonDerivedType(typeof(RecordCustomerConfirmation), "customer-confirmation")]
[JsonDerivedType(typeof(AuthorizeReturn), "authorize-return")]
[JsonDerivedType(typeof(RecordReturnShipped), "return-shipped")]
[JsonDerivedType(typeof(RecordReturnReceived), "return-received")]
[JsonDerivedType(typeof(RecordWarehouseInspection), "warehouse-inspection")]
[JsonDerivedType(typeof(RecordRefundIssued), "refund-issued")]
[JsonDerivedType(typeof(RecordReplacementShipped), "replacement-shipped")]
[JsonDerivedType(typeof(RecordRepairCompleted), "repair-completed")]
[JsonDerivedType(typeof(ResolveTicket), "resolve")]
[JsonDerivedType(typeof(AnswerOnTheSpot), "answer-on-the-spot")]
[JsonDerivedType(typeof(DeclineTicket), "decline")]
[JsonDerivedType(typeof(CloseAsDuplicate), "close-as-duplicate")]
[JsonDerivedType(typeof(CloseAsSpam), "close-as-spam")]
[JsonDerivedType(typeof(RecordSatisfaction), "satisfaction")]
[JsonDerivedType(typeof(ReopenTicket), "reopen")]
[JsonDerivedType(typeof(CloseTicket), "close")]
[JsonDerivedType(typeof(WithdrawTicket), "withdraw")]
[JsonDerivedType(typeof(ArchiveTicket), "archive")]
[JsonDerivedType(typeof(EscalateTicket), "escalate")]
[JsonDerivedType(typeof(DeadlineReached), "deadline-reached")]
[JsonDerivedType(typeof(RecordCost), "record-cost")]
[JsonDerivedType(typeof(RecordLogisticsIssue), "record-logistics-issue")]
[JsonDerivedType(typeof(ClearLogisticsIssue), "clear-logistics-issue")]
[JsonDerivedType(typeof(RecordCustomsDocuments), "customs-documents")]
[JsonDerivedType(typeof(ReplyToCustomer), "reply")]
[JsonDerivedType(typeof(RecordCallbackDone), "callback-done")]
public abstract record TicketCommand
{
    public required Actor Actor { get; init; }

    [JsonIgnore]
    public abstract TicketCommandKind Kind { get; }
}

/// <summary>Intake. Category and severity are the classification the caller computed (explicit input wins there).</summary>
public sealed record OpenTicket(
    string TicketId,
    Channel Channel,
    string ExternalId,
    CustomerInfo Customer,
    OrderInfo Order,
    TicketCategory Category,
    Severity Severity,
    RequestedOutcome RequestedOutcome,
    string Description,
    ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    /// <summary>The reasons of the classification that chose <see cref="Category"/> and <see cref="Severity"/>.</summary>
    public ImmutableArray<ClassificationReason> ClassificationReasons { get; init; } = [];

    /// <summary>When, where and about which order line; null when the intake says none of it.</summary>
    public IncidentFacts? Incident { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.Open;
}

/// <summary>The first response to the customer; meets the first-response clock.</summary>
public sealed record AcknowledgeTicket(string Message) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Acknowledge;
}

public sealed record AssignTicket(Department Department, string AgentId) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Assign;
}

public sealed record RequestInformation(string Question) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RequestInformation;
}

public sealed record RecordCustomerReply(string Message, ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.CustomerReply;
}

public sealed record AddEvidence(ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.AddEvidence;
}

/// <summary>The same customer, order and problem arrived on another channel and is merged into this ticket.</summary>
public sealed record AddContact(Channel Channel, string ExternalId, string? Description, ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.AddContact;
}

public sealed record RequestMerchantResponse(string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RequestMerchantResponse;
}

public sealed record RecordMerchantResponse(MerchantPosition Position, string Statement, ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.MerchantResponse;
}

public sealed record StartInvestigation(InvestigationKind Investigation, string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.StartInvestigation;
}

public sealed record RecordInspectionResult(string Findings, ImmutableArray<EvidenceItem> Evidence) : TicketCommand
{
    /// <summary>The inspection's verdict, when it reached one.</summary>
    public InspectionOutcome? Outcome { get; init; }

    /// <summary>The item's warranty period in months (1 to <see cref="WarrantyAssessment.MaxMonths"/>), from
    /// the purchase; the decider works out whether the item is still within it.</summary>
    public int? WarrantyMonths { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.InspectionResult;
}

public sealed record DetermineResponsibility(ResponsibleParty Party, string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.DetermineResponsibility;
}

/// <summary>Re-plans the running first-response and resolution clocks to the new severity's windows.</summary>
public sealed record ChangeSeverity(Severity Severity, string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ChangeSeverity;
}

/// <summary>Reclassifies the ticket (the first classification turned out wrong); clocks are not affected.</summary>
public sealed record ChangeCategory(TicketCategory Category, string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ChangeCategory;
}

public sealed record ProposeResolution(ResolutionPlan Plan) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ProposeResolution;
}

public sealed record ApprovePlan(string? Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ApprovePlan;
}

public sealed record RejectPlan(string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RejectPlan;
}

/// <summary>The customer's written confirmation (or refusal) of the plan; the statement is recorded verbatim.</summary>
public sealed record RecordCustomerConfirmation(bool Accepted, string Statement) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.CustomerConfirmation;
}

/// <summary>Authorizes the return. Without a window the policy's return-shipment window applies; without
/// an address the in-country return address of the order's destination country (its contact too, unless
/// one is given).</summary>
public sealed record AuthorizeReturn(string? ReturnAddress, TimeSpan? Window) : TicketCommand
{
    /// <summary>Who at the return address takes the parcel (a desk, a name and a phone number).</summary>
    public string? Contact { get; init; }

    /// <summary>How to pack the item (original box, seal, padding).</summary>
    public string? Packaging { get; init; }

    /// <summary>The accessories the customer must send back with the item (at most
    /// <see cref="ReturnInstructions.MaxAccessories"/>).</summary>
    public ImmutableArray<string> Accessories { get; init; } = [];

    public override TicketCommandKind Kind => TicketCommandKind.AuthorizeReturn;
}

public sealed record RecordReturnShipped(string Carrier, string TrackingNumber) : TicketCommand
{
    /// <summary>What the customer paid to ship the return, in the order's currency; a money line makes the
    /// party responsible (or the plan's shipping payer) bear it.</summary>
    public Money? ShippingCost { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.ReturnShipped;
}

public sealed record RecordReturnReceived(string? Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ReturnReceived;
}

public sealed record RecordWarehouseInspection(WarehouseOutcome Outcome, string? Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.WarehouseInspection;
}

public sealed record RecordRefundIssued(Money Amount, string? Reference) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RefundIssued;
}

public sealed record RecordReplacementShipped(string Carrier, string TrackingNumber) : TicketCommand
{
    /// <summary>The SKU shipped; when given it must be the plan's replacement (or the original line's).</summary>
    public string? Sku { get; init; }

    /// <summary>The spec shipped (colour, size, capacity), checked with <see cref="Sku"/>.</summary>
    public string? Spec { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.ReplacementShipped;
}

public sealed record RecordRepairCompleted(string? Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RepairCompleted;
}

/// <summary>Resolves the ticket once the plan is carried out; the result is what the customer was told.</summary>
public sealed record ResolveTicket(string Result) : TicketCommand
{
    /// <summary>Why the problem happened.</summary>
    public RootCause? RootCause { get; init; }

    /// <summary>What is done so that it does not happen again; needs <see cref="RootCause"/>.</summary>
    public string? CorrectiveAction { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.Resolve;
}

/// <summary>A usage or information question answered at first contact: resolves the ticket in one step, without
/// a plan, confirmation or execution. The answer is what the customer was told.</summary>
public sealed record AnswerOnTheSpot(string Answer) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.AnswerOnTheSpot;
}

/// <summary>Staff decline the request for <paramref name="Reason"/>; <paramref name="Note"/> says why in words.</summary>
public sealed record DeclineTicket(DeclineReason Reason, string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Decline;
}

/// <summary>Staff close the ticket as a duplicate of the ticket <paramref name="DuplicateOf"/>.</summary>
public sealed record CloseAsDuplicate(string DuplicateOf, string? Note) : TicketCommand
{
    /// <summary>The ticket <see cref="DuplicateOf"/> names as the sender may see it, looked up by the node
    /// before the decision; null when there is no such ticket (or the sender may not see it).</summary>
    [SuppliedByNode]
    public TicketReference? Original { get; init; }

    public override TicketCommandKind Kind => TicketCommandKind.CloseAsDuplicate;
}

/// <summary>Staff close the ticket as spam or as not a complaint; <paramref name="Note"/> says why.</summary>
public sealed record CloseAsSpam(string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.CloseAsSpam;
}

public sealed record RecordSatisfaction(int Score, string? Comment) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Satisfaction;
}

public sealed record ReopenTicket(string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Reopen;
}

public sealed record CloseTicket(string? Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Close;
}

public sealed record WithdrawTicket(string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Withdraw;
}

public sealed record ArchiveTicket : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Archive;
}

/// <summary>Raises the escalation level by one (up to the manager level).</summary>
public sealed record EscalateTicket(string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Escalate;
}

/// <summary>
/// A durable reminder fired. Only the tick the state is waiting for (same clock, generation and due time)
/// has an effect; any other is accepted with no events, so delivering a tick twice is harmless.
/// </summary>
public sealed record DeadlineReached(ClockKind Clock, int Generation, DateTimeOffset ScheduledFor) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.DeadlineReached;
}

/// <summary>A cost staff record by hand where no rule derives it: <see cref="Payer"/> pays
/// <see cref="Amount"/> (order's currency) to <see cref="Payee"/>, for <see cref="Reason"/>.</summary>
public sealed record RecordCost(MoneyLineKind LineKind, CostParty Payer, CostParty Payee, Money Amount, string Reason) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RecordCost;
}

/// <summary>A shipment gone wrong (<see cref="LogisticsExceptionKind"/>); starts the clock of the party that must act.</summary>
public sealed record RecordLogisticsIssue(LogisticsExceptionKind Exception, string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.RecordLogisticsIssue;
}

/// <summary>An open logistics exception is over (the parcel found, delivered, released by customs).</summary>
public sealed record ClearLogisticsIssue(LogisticsExceptionKind Exception, string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.ClearLogisticsIssue;
}

/// <summary>The documents customs asked for arrived; <see cref="Documents"/> says which.</summary>
public sealed record RecordCustomsDocuments(string Documents) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.CustomsDocuments;
}

/// <summary>Staff write during the ticket: a public reply the customer receives, or an internal note that
/// only staff ever see (never the customer, never the merchant).</summary>
public sealed record ReplyToCustomer(ReplyVisibility Visibility, string Message) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.Reply;
}

/// <summary>Staff called a dissatisfied customer back (<see cref="CallbackTask"/>); <see cref="Note"/> says how it went.</summary>
public sealed record RecordCallbackDone(CallbackOutcome Outcome, string Note) : TicketCommand
{
    public override TicketCommandKind Kind => TicketCommandKind.CallbackDone;
}
