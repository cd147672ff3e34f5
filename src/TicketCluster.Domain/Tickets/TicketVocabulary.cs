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
