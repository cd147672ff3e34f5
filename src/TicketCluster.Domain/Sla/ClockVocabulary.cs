using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Sla;

/// <summary>The identity of a ticket clock. A ticket has at most one clock of each kind at a time.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClockKind>))]
public enum ClockKind
{
    FirstResponse,
    Resolution,
    MerchantResponse,
    CustomerReply,
    CustomerConfirmation,
    ReturnShipment,
    WarehouseInspection,
    Survey,
    AutoClose,

    /// <summary>The carrier traces a lost, late or damaged parcel (<see cref="Tickets.LogisticsExceptionKind"/>).</summary>
    CarrierTrace,

    /// <summary>The customer sends the documents customs holds a parcel for.</summary>
    CustomsDocuments,

    /// <summary>The customer confirms the delivery address.</summary>
    AddressConfirmation,

    /// <summary>Staff call back a customer who answered the survey dissatisfied.</summary>
    Callback,
}

/// <summary>
/// Running and paused clocks are counting (or waiting to count); a breached clock has passed its
/// deadline and still counts toward its later stages. Met and stopped clocks are over: met means the
/// awaited step came before the deadline, stopped means anything else (it came late, or the wait no
/// longer applies).
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClockStatus>))]
public enum ClockStatus
{
    Running,
    Paused,
    Met,
    Breached,
    Stopped,
}

/// <summary>The stages of a clock's escalation ladder, in order.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ClockStage>))]
public enum ClockStage
{
    /// <summary>A share of the window (80 % by default) has passed: the assignee is warned.</summary>
    Warning,

    /// <summary>The window has passed.</summary>
    Deadline,

    /// <summary>A multiple of the window (twice by default) has passed: the manager is involved.</summary>
    SecondLevel,
}

/// <summary>Where in a window the warning and the second escalation level fall.</summary>
public readonly record struct EscalationThresholds(double WarningFraction, double SecondLevelFactor)
{
    public static EscalationThresholds Default { get; } = new(0.8, 2.0);

    /// <summary>How long after the start of a window of <paramref name="window"/> the stage falls due.</summary>
    public TimeSpan OffsetOf(ClockStage stage, TimeSpan window) => stage switch
    {
        ClockStage.Warning => window * WarningFraction,
        ClockStage.Deadline => window,
        ClockStage.SecondLevel => window * SecondLevelFactor,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}

/// <summary>The next tick of a running clock; the grain maps it to a durable reminder.</summary>
public readonly record struct PendingTick(ClockKind Clock, int Generation, ClockStage Stage, DateTimeOffset DueAt);

/// <summary>Which stages each clock kind goes through. Data, so the ladder reads in one place.</summary>
public static class ClockRules
{
    private static readonly ImmutableArray<ClockStage> FullLadder = [ClockStage.Warning, ClockStage.Deadline, ClockStage.SecondLevel];
    private static readonly ImmutableArray<ClockStage> WarnThenLapse = [ClockStage.Warning, ClockStage.Deadline];
    private static readonly ImmutableArray<ClockStage> DeadlineOnly = [ClockStage.Deadline];

    public static ImmutableArray<ClockStage> StagesOf(ClockKind kind) => kind switch
    {
        ClockKind.FirstResponse or ClockKind.Resolution or ClockKind.Callback => FullLadder,
        ClockKind.Survey or ClockKind.AutoClose => DeadlineOnly,
        _ => WarnThenLapse,
    };

    /// <summary>
    /// Whether reaching the deadline of this kind is a breach of service (counted against SLA compliance)
    /// rather than the planned end of a waiting period (survey, automatic close).
    /// </summary>
    public static bool IsServiceLevel(ClockKind kind) => kind is not (ClockKind.Survey or ClockKind.AutoClose);

    /// <summary>
    /// Whether a clock may count the business time of a calendar: the platform's own handling (first
    /// response, resolution), the merchant's response and the warehouse's inspection, except on an urgent
    /// ticket, whose safety does not wait for office hours. The customer's clocks (reply, confirmation,
    /// return shipment, survey, automatic close) count wall-clock time: the customer's days are not the
    /// platform's working hours.
    /// </summary>
    public static bool CountsBusinessTime(ClockKind kind, Severity severity) =>
        severity != Severity.Urgent
        && kind is ClockKind.FirstResponse or ClockKind.Resolution or ClockKind.MerchantResponse or ClockKind.WarehouseInspection;
}
