using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

// The vocabulary of the ticket lifecycle, on top of the intake vocabulary in Vocabulary.cs.

/// <summary>Who performs a command; decides which commands an actor may send (see <see cref="RolePermissions"/>).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ActorRole>))]
public enum ActorRole
{
    Customer,
    Agent,
    Supervisor,
    Manager,
    Merchant,
    System,
}

/// <summary>The department a ticket is routed to (DESIGN.md, step 4).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Department>))]
public enum Department
{
    CustomerService,
    WarehouseLogistics,
    ProductQuality,
    Merchant,
    Finance,
}

[JsonConverter(typeof(KebabCaseEnumConverter<EvidenceKind>))]
public enum EvidenceKind
{
    Photo,
    Video,
    Document,
    Other,
}

/// <summary>The merchant's answer to a request for a response.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MerchantPosition>))]
public enum MerchantPosition
{
    Accept,
    Dispute,
}

/// <summary>How the platform investigates when the parties disagree.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<InvestigationKind>))]
public enum InvestigationKind
{
    PlatformIntervention,
    Inspection,
    ThirdPartyAppraisal,
}

/// <summary>Who is responsible for the problem (DESIGN.md, step 6).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ResponsibleParty>))]
public enum ResponsibleParty
{
    Merchant,
    Customer,
    Shared,
    Carrier,
    Platform,
    Undetermined,
}

/// <summary>What a resolution plan does (DESIGN.md, step 7).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ResolutionKind>))]
public enum ResolutionKind
{
    Refund,
    ReturnAndRefund,
    Exchange,
    Repair,
    Reissue,
    Compensation,
    Apology,
}

/// <summary>Who pays the return shipping of a return-and-refund plan.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ShippingPayer>))]
public enum ShippingPayer
{
    Customer,
    Merchant,
    Platform,
}

/// <summary>Whether an exchange waits for the returned item before the replacement ships.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ExchangeMode>))]
public enum ExchangeMode
{
    ReturnFirst,
    ShipFirst,
}

/// <summary>The warehouse's verdict on a returned item.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<WarehouseOutcome>))]
public enum WarehouseOutcome
{
    Pass,
    Fail,
    DamagedByCustomer,

    /// <summary>The item returned is not the one sold (swapped): feeds the customer's return-abuse flag.</summary>
    NotOriginalItem,

    /// <summary>The item came back without accessories it was sold with.</summary>
    AccessoriesMissing,
}

/// <summary>Why the problem happened, as staff find it when they resolve the ticket
/// (<see cref="ResolveTicket.RootCause"/>); the analysis counts tickets by it per category and merchant.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RootCause>))]
public enum RootCause
{
    ManufacturingDefect,
    WrongItemShipped,
    PackagingOrTransitDamage,
    LateDelivery,
    ListingMismatch,
    MerchantService,
    PlatformService,
    CustomerMisuse,
    PolicyMisunderstanding,
    Other,
}

/// <summary>What an inspection or appraisal during the investigation found (<see cref="RecordInspectionResult.Outcome"/>).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<InspectionOutcome>))]
public enum InspectionOutcome
{
    /// <summary>The defect is as the customer described.</summary>
    DefectConfirmed,

    NoFaultFound,

    DamagedByCustomer,

    /// <summary>The item inspected is not the one sold (swapped): feeds the customer's return-abuse flag.</summary>
    NotOriginalItem,

    AccessoriesMissing,
}

/// <summary>Why a ticket was closed.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClosureReason>))]
public enum ClosureReason
{
    /// <summary>Closed by staff after resolution.</summary>
    Manual,

    /// <summary>Closed by the automatic-close clock, no reopening within its window.</summary>
    AutoClosed,

    /// <summary>Withdrawn by the customer before resolution.</summary>
    Withdrawn,

    /// <summary>The customer did not ship the return within the authorized window.</summary>
    ReturnWindowLapsed,

    /// <summary>Staff declined the request, for a <see cref="DeclineReason"/> and a note.</summary>
    Declined,

    /// <summary>Staff closed it as a duplicate of another ticket (<see cref="TicketClosed.DuplicateOf"/>).</summary>
    Duplicate,

    /// <summary>Staff closed it as spam or as not a complaint.</summary>
    Spam,
}

/// <summary>Why staff declined a ticket (<see cref="DeclineTicket"/>); the free-text note says more.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<DeclineReason>))]
public enum DeclineReason
{
    /// <summary>The problem is the customer's own doing (misuse, damage, a changed mind outside the return terms).</summary>
    CustomerResponsible,

    /// <summary>The request is outside the after-sales policy (warranty expired, item excluded, window passed).</summary>
    OutsidePolicy,

    /// <summary>The claim is fraudulent.</summary>
    Fraud,
}

/// <summary>
/// How a ticket ended, as the reports count it (<see cref="TicketState.Outcome"/>): each way to finish a
/// ticket is its own value. A ticket that has not ended (or was reopened) has none.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FinalOutcome>))]
public enum FinalOutcome
{
    /// <summary>Resolved after a plan was confirmed and carried out (<see cref="ResolveTicket"/>).</summary>
    Resolved,

    /// <summary>A usage or information question answered in one step (<see cref="AnswerOnTheSpot"/>).</summary>
    AnsweredOnTheSpot,

    /// <summary>Withdrawn by the customer.</summary>
    Withdrawn,

    /// <summary>Closed because the return was not shipped in its window.</summary>
    ReturnWindowLapsed,

    /// <summary>Declined: the customer is responsible.</summary>
    DeclinedCustomerResponsible,

    /// <summary>Declined: outside the after-sales policy.</summary>
    DeclinedOutsidePolicy,

    /// <summary>Declined: fraud.</summary>
    DeclinedFraud,

    /// <summary>Closed as a duplicate of another ticket.</summary>
    Duplicate,

    /// <summary>Closed as spam or not a complaint.</summary>
    Spam,
}

/// <summary>Why a ticket's escalation level was raised.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<EscalationReason>))]
public enum EscalationReason
{
    DeadlineBreached,
    SecondLevelReached,
    Reopened,
    Manual,
}
