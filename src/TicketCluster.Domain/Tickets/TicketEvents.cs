using System.Collections.Immutable;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// A fact in a ticket's audit trail: what happened, who did it in which role, and when.
/// <see cref="Sequence"/> numbers a ticket's events from 1 without gaps, so <see cref="EventId"/>
/// (<c>{ticketId}:{sequence}</c>) is stable and receivers can apply an event once.
/// The envelope properties are stamped by the decider; payloads are the positional parameters.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TicketOpened), "opened")]
[JsonDerivedType(typeof(TicketAcknowledged), "acknowledged")]
[JsonDerivedType(typeof(TicketAssigned), "assigned")]
[JsonDerivedType(typeof(InformationRequested), "information-requested")]
[JsonDerivedType(typeof(CustomerReplied), "customer-replied")]
[JsonDerivedType(typeof(CustomerReplyLapsed), "customer-reply-lapsed")]
[JsonDerivedType(typeof(EvidenceAdded), "evidence-added")]
[JsonDerivedType(typeof(ContactAdded), "contact-added")]
[JsonDerivedType(typeof(MerchantResponseRequested), "merchant-response-requested")]
[JsonDerivedType(typeof(MerchantResponded), "merchant-responded")]
[JsonDerivedType(typeof(MerchantStrikeRecorded), "merchant-strike-recorded")]
[JsonDerivedType(typeof(InvestigationStarted), "investigation-started")]
[JsonDerivedType(typeof(InspectionResultRecorded), "inspection-result-recorded")]
[JsonDerivedType(typeof(ResponsibilityDetermined), "responsibility-determined")]
[JsonDerivedType(typeof(SeverityChanged), "severity-changed")]
[JsonDerivedType(typeof(CategoryChanged), "category-changed")]
[JsonDerivedType(typeof(ResolutionProposed), "resolution-proposed")]
[JsonDerivedType(typeof(PlanApproved), "plan-approved")]
[JsonDerivedType(typeof(PlanRejected), "plan-rejected")]
[JsonDerivedType(typeof(CustomerConfirmationRecorded), "customer-confirmation-recorded")]
[JsonDerivedType(typeof(ConfirmationLapsed), "confirmation-lapsed")]
[JsonDerivedType(typeof(ReturnAuthorized), "return-authorized")]
[JsonDerivedType(typeof(ReturnShipped), "return-shipped")]
[JsonDerivedType(typeof(ReturnReceived), "return-received")]
[JsonDerivedType(typeof(WarehouseInspected), "warehouse-inspected")]
[JsonDerivedType(typeof(RefundIssued), "refund-issued")]
[JsonDerivedType(typeof(ReplacementShipped), "replacement-shipped")]
[JsonDerivedType(typeof(RepairCompleted), "repair-completed")]
[JsonDerivedType(typeof(TicketResolved), "resolved")]
[JsonDerivedType(typeof(SatisfactionRecorded), "satisfaction-recorded")]
[JsonDerivedType(typeof(SurveyClosed), "survey-closed")]
[JsonDerivedType(typeof(TicketReopened), "reopened")]
[JsonDerivedType(typeof(TicketClosed), "closed")]
[JsonDerivedType(typeof(TicketArchived), "archived")]
[JsonDerivedType(typeof(TicketEscalated), "escalated")]
[JsonDerivedType(typeof(ClockStarted), "clock-started")]
[JsonDerivedType(typeof(ClockPaused), "clock-paused")]
[JsonDerivedType(typeof(ClockResumed), "clock-resumed")]
[JsonDerivedType(typeof(ClockReplanned), "clock-replanned")]
[JsonDerivedType(typeof(ClockStageReached), "clock-stage-reached")]
[JsonDerivedType(typeof(ClockMet), "clock-met")]
[JsonDerivedType(typeof(ClockStopped), "clock-stopped")]
[JsonDerivedType(typeof(MoneyLineRecorded), "money-line-recorded")]
[JsonDerivedType(typeof(LogisticsExceptionRecorded), "logistics-exception-recorded")]
[JsonDerivedType(typeof(LogisticsExceptionCleared), "logistics-exception-cleared")]
[JsonDerivedType(typeof(CustomsDocumentsReceived), "customs-documents-received")]
[JsonDerivedType(typeof(ReplySent), "reply-sent")]
[JsonDerivedType(typeof(InternalNoteAdded), "internal-note-added")]
[JsonDerivedType(typeof(CallbackRequested), "callback-requested")]
[JsonDerivedType(typeof(CallbackCompleted), "callback-completed")]
public abstract record TicketEvent
{
    public string TicketId { get; init; } = "";

    public long Sequence { get; init; }

    public DateTimeOffset At { get; init; }

    public Actor Actor { get; init; }

    [JsonIgnore]
    public string EventId => $"{TicketId}:{Sequence}";
}

public sealed record TicketOpened(
    Channel Channel,
    string ExternalId,
    CustomerInfo Customer,
    OrderInfo Order,
    TicketCategory Category,
    Severity Severity,
    RequestedOutcome RequestedOutcome,
    string Description,
    ImmutableArray<EvidenceItem> Evidence) : TicketEvent
{
    /// <summary>Why the ticket got its category and severity (docs/classification.md); empty for tickets
    /// opened before reasons were recorded.</summary>
    public ImmutableArray<ClassificationReason> ClassificationReasons { get; init; } = [];

    /// <summary>When, where and about which order line (<see cref="IncidentFacts"/>); null when not said.</summary>
    public IncidentFacts? Incident { get; init; }
}

public sealed record TicketAcknowledged(string Message) : TicketEvent;

public sealed record TicketAssigned(Department Department, string AgentId) : TicketEvent;

public sealed record InformationRequested(string Question) : TicketEvent;

public sealed record CustomerReplied(string Message, ImmutableArray<EvidenceItem> Evidence) : TicketEvent;

/// <summary>The customer did not answer a request for information in time; the agent continues with what is known.</summary>
public sealed record CustomerReplyLapsed : TicketEvent;

public sealed record EvidenceAdded(ImmutableArray<EvidenceItem> Evidence) : TicketEvent;

public sealed record ContactAdded(ContactRecord Contact, ImmutableArray<EvidenceItem> Evidence) : TicketEvent;

public sealed record MerchantResponseRequested(string MerchantId, string Note) : TicketEvent;

/// <summary>The merchant's answer; <see cref="DueAt"/> is when it was due, so the audit trail shows whether it came on time.</summary>
public sealed record MerchantResponded(MerchantPosition Position, string Statement, ImmutableArray<EvidenceItem> Evidence, DateTimeOffset? DueAt) : TicketEvent;

/// <summary>The merchant stayed silent past its deadline; counts against its scorecard.</summary>
public sealed record MerchantStrikeRecorded(string MerchantId, ClockKind Clock) : TicketEvent;

public sealed record InvestigationStarted(InvestigationKind Investigation, string Note) : TicketEvent;

public sealed record InspectionResultRecorded(string Findings, ImmutableArray<EvidenceItem> Evidence) : TicketEvent
{
    public InspectionOutcome? Outcome { get; init; }

    /// <summary>The warranty as the decider assessed it at the event's time.</summary>
    public WarrantyAssessment? Warranty { get; init; }
}

public sealed record ResponsibilityDetermined(ResponsibleParty Party, string Reason) : TicketEvent;

/// <summary>A correction of the severity; <see cref="Classified"/> is the classification the ticket opened with,
/// kept beside the correction so corrections can be evaluated later.</summary>
public sealed record SeverityChanged(Severity From, Severity To, string Reason) : TicketEvent
{
    public OpeningClassification? Classified { get; init; }
}

/// <summary>A correction of the category; <see cref="Classified"/> as for <see cref="SeverityChanged"/>.</summary>
public sealed record CategoryChanged(TicketCategory From, TicketCategory To, string Reason) : TicketEvent
{
    public OpeningClassification? Classified { get; init; }
}

public sealed record ResolutionProposed(ResolutionPlan Plan, bool RequiresApproval) : TicketEvent
{
    /// <summary>The plan's replacement is not the original line's SKU and spec: one reason it needs approval.</summary>
    public bool ReplacementDiffers { get; init; }

    /// <summary>How a return, exchange or repair plan stands against the order's marketplace rules; null when
    /// the order names no marketplace or the plan is not one the rules speak of.</summary>
    public PolicyAssessment? Policy { get; init; }
}

public sealed record PlanApproved(string? Note) : TicketEvent;

public sealed record PlanRejected(string Reason) : TicketEvent;

/// <summary>The customer's written answer to the plan, recorded verbatim.</summary>
public sealed record CustomerConfirmationRecorded(bool Accepted, string Statement) : TicketEvent;

/// <summary>The customer did not confirm the plan in time; the plan is void and the agent takes the ticket back.</summary>
public sealed record ConfirmationLapsed : TicketEvent;

public sealed record ReturnAuthorized(string ReturnAddress, TimeSpan Window) : TicketEvent
{
    /// <summary>The structured instructions given to the customer; null on events recorded before they existed.</summary>
    public ReturnInstructions? Instructions { get; init; }

    /// <summary>The destination country whose configured in-country return address was used; null when the
    /// agent gave the address.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InCountry { get; init; }
}

public sealed record ReturnShipped(string Carrier, string TrackingNumber) : TicketEvent
{
    public Money? ShippingCost { get; init; }
}

public sealed record ReturnReceived(string? Note) : TicketEvent;

/// <summary>The warehouse's verdict; <see cref="Deemed"/> when the warehouse missed its deadline and the return counts as passed.</summary>
public sealed record WarehouseInspected(WarehouseOutcome Outcome, string? Note, bool Deemed) : TicketEvent;

public sealed record RefundIssued(Money Amount, string? Reference) : TicketEvent;

public sealed record ReplacementShipped(string Carrier, string TrackingNumber) : TicketEvent
{
    public string? Sku { get; init; }

    public string? Spec { get; init; }
}

public sealed record RepairCompleted(string? Note) : TicketEvent;

/// <summary>The ticket was resolved; <see cref="Result"/> is what the customer was told. <see cref="OnTheSpot"/>
/// when a question was answered in one step (<see cref="AnswerOnTheSpot"/>), without a plan.</summary>
public sealed record TicketResolved(string Result) : TicketEvent
{
    public bool OnTheSpot { get; init; }

    public RootCause? RootCause { get; init; }

    public string? CorrectiveAction { get; init; }
}

public sealed record SatisfactionRecorded(int Score, string? Comment) : TicketEvent;

/// <summary>The survey window ended without an answer.</summary>
public sealed record SurveyClosed : TicketEvent;

public sealed record TicketReopened(string Reason) : TicketEvent;

/// <summary>The ticket was closed for <see cref="Reason"/>; a decline names its <see cref="Declined"/> reason, a
/// duplicate the ticket it duplicates (<see cref="DuplicateOf"/>). The event's actor is who decided.</summary>
public sealed record TicketClosed(ClosureReason Reason, string? Note) : TicketEvent
{
    public DeclineReason? Declined { get; init; }

    public string? DuplicateOf { get; init; }
}

public sealed record TicketArchived : TicketEvent;

/// <summary>The escalation level is now <see cref="Level"/> (1 supervisor, 2 manager); <see cref="Clock"/> names the clock that caused it, if any.</summary>
public sealed record TicketEscalated(int Level, EscalationReason Reason, ClockKind? Clock, string? Note) : TicketEvent;

/// <summary>A clock started; <see cref="Calendar"/> is a copy of the calendar it counts on (null: wall-clock
/// time in UTC, as every clock started before calendars existed), so neither replay nor a later configuration
/// change moves its deadlines.</summary>
public sealed record ClockStarted(ClockKind Clock, int Generation, TimeSpan Window, EscalationThresholds Thresholds) : TicketEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BusinessCalendar? Calendar { get; init; }
}

public sealed record ClockPaused(ClockKind Clock, int Generation) : TicketEvent;

public sealed record ClockResumed(ClockKind Clock, int Generation) : TicketEvent;

/// <summary>The clock's window changed (severity change); the time already elapsed is kept. From then on the
/// clock counts on <see cref="Calendar"/> (as for <see cref="ClockStarted"/>).</summary>
public sealed record ClockReplanned(ClockKind Clock, int Generation, TimeSpan Window, EscalationThresholds Thresholds) : TicketEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BusinessCalendar? Calendar { get; init; }
}

/// <summary>A stage of the clock's ladder was reached (a warning, the deadline, the second level).</summary>
public sealed record ClockStageReached(ClockKind Clock, int Generation, ClockStage Stage) : TicketEvent;

/// <summary>The awaited step happened before the deadline.</summary>
public sealed record ClockMet(ClockKind Clock, int Generation) : TicketEvent;

/// <summary>The clock ended otherwise: the awaited step came late, or the wait no longer applies.</summary>
public sealed record ClockStopped(ClockKind Clock, int Generation) : TicketEvent;

/// <summary>A money line (<see cref="MoneyLine"/>): who pays whom, how much, why, and who decided it.</summary>
public sealed record MoneyLineRecorded(MoneyLine Line) : TicketEvent;

public sealed record LogisticsExceptionRecorded(LogisticsExceptionKind Exception, string Note) : TicketEvent;

public sealed record LogisticsExceptionCleared(LogisticsExceptionKind Exception, string Note) : TicketEvent;

/// <summary>The customer's documents for a customs hold arrived; the hold is over.</summary>
public sealed record CustomsDocumentsReceived(string Documents) : TicketEvent;

/// <summary>Staff wrote to the customer (a public reply, customer-visible).</summary>
public sealed record ReplySent(string Message) : TicketEvent;

/// <summary>Staff wrote a note for staff only: never shown to the customer or the merchant.</summary>
public sealed record InternalNoteAdded(string Note) : TicketEvent;

/// <summary>The customer answered the survey with <see cref="Score"/> at or below
/// <see cref="CallbackTask.DissatisfiedScore"/>: staff owe a callback, on its own clock.</summary>
public sealed record CallbackRequested(int Score) : TicketEvent;

/// <summary>Staff called the dissatisfied customer back.</summary>
public sealed record CallbackCompleted(CallbackOutcome Outcome, string Note) : TicketEvent;
