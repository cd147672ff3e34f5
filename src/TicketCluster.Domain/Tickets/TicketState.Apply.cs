using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Evolve: one case per event. Each case only records the fact; every rule that could refuse it lives in
// the decider, so replaying a ticket's history never fails on data that was once accepted.
public sealed partial record TicketState
{
    private TicketState ApplyPayload(TicketEvent e) => e switch
    {
        TicketOpened => throw new InvalidOperationException($"Ticket {TicketId} is already open."),
        TicketAcknowledged => this with { Status = TicketStatus.Acknowledged, AcknowledgedAt = e.At },
        TicketAssigned a => this with
        {
            Department = a.Department,
            AssigneeId = a.AgentId,
            Status = Status == TicketStatus.Acknowledged ? TicketStatus.InProgress : Status,
        },
        InformationRequested => this with { Status = TicketStatus.AwaitingCustomer },
        CustomerReplied r => this with { Status = TicketStatus.InProgress, Evidence = Evidence.AddRange(r.Evidence) },
        CustomerReplyLapsed => this with { Status = TicketStatus.InProgress },
        EvidenceAdded a => this with { Evidence = Evidence.AddRange(a.Evidence) },
        ContactAdded c => this with { Contacts = Contacts.Add(c.Contact), Evidence = Evidence.AddRange(c.Evidence) },
        MerchantResponseRequested => this with { Status = TicketStatus.AwaitingMerchant },
        MerchantResponded r => this with
        {
            Status = TicketStatus.InProgress,
            MerchantPosition = r.Position,
            Evidence = Evidence.AddRange(r.Evidence),
        },
        MerchantStrikeRecorded => this with { MerchantStrikes = MerchantStrikes + 1 },
        InvestigationStarted => this with { Status = TicketStatus.UnderInvestigation },
        InspectionResultRecorded r => this with
        {
            Status = TicketStatus.InProgress,
            Evidence = Evidence.AddRange(r.Evidence),
            InspectionOutcome = r.Outcome ?? InspectionOutcome,
            Warranty = r.Warranty ?? Warranty,
        },
        ResponsibilityDetermined r => this with { Responsibility = new ResponsibilityDecision(r.Party, r.Reason), ResponsibilityDecidedBy = e.Actor },
        MoneyLineRecorded m => this with { MoneyLines = MoneyLines.Add(m.Line with { At = e.At }) },
        LogisticsExceptionRecorded l => this with { LogisticsExceptions = LogisticsExceptions.Add(new LogisticsIssue(l.Exception, l.Note, e.At)) },
        LogisticsExceptionCleared l => this with { LogisticsExceptions = LogisticsExceptions.RemoveAll(x => x.Kind == l.Exception) },
        CustomsDocumentsReceived => this with { LogisticsExceptions = LogisticsExceptions.RemoveAll(x => x.Kind == LogisticsExceptionKind.HeldAtCustoms) },
        SeverityChanged s => this with { Severity = s.To },
        CategoryChanged c => this with { Category = c.To },
        ResolutionProposed p => this with
        {
            Plan = p.Plan,
            PlanProposedBy = e.Actor,
            IsPlanApproved = false,
            IsPlanConfirmed = false,
            Execution = ExecutionProgress.None,
            Status = p.RequiresApproval ? TicketStatus.PendingApproval : TicketStatus.AwaitingConfirmation,
        },
        PlanApproved => this with { IsPlanApproved = true, Status = TicketStatus.AwaitingConfirmation },
        PlanRejected => WithoutPlan(),
        CustomerConfirmationRecorded { Accepted: true } => this with
        {
            IsPlanConfirmed = true,
            Status = TicketStatus.Executing,
            CompensationAllowance = CompensationAllowance
                + (Plan is { Kind: ResolutionKind.Compensation, Amount: { } amount } && IsPlanApproved ? amount.Amount : 0m),
        },
        CustomerConfirmationRecorded => WithoutPlan(),
        ConfirmationLapsed => WithoutPlan(),
        ReturnAuthorized r => this with
        {
            Status = TicketStatus.AwaitingReturn,
            Execution = Execution with { ReturnAddress = r.ReturnAddress, ReturnAuthorizedAt = r.At, ReturnInstructions = r.Instructions },
        },
        ReturnShipped s => this with
        {
            Status = TicketStatus.ReturnInTransit,
            Execution = Execution with { ReturnCarrier = s.Carrier, ReturnTrackingNumber = s.TrackingNumber },
        },
        ReturnReceived => this with { Status = TicketStatus.ReturnReceived, Execution = Execution with { ReturnReceivedAt = e.At } },
        WarehouseInspected { Outcome: WarehouseOutcome.Pass } => this with
        {
            Status = TicketStatus.Executing,
            Execution = Execution with { Inspection = WarehouseOutcome.Pass },
        },
        // A failed return voids the plan: the agent decides again with the warehouse's findings.
        WarehouseInspected => WithoutPlan(),
        RefundIssued r => this with { Refunded = Refunded + r.Amount.Amount, Execution = Execution with { Paid = Execution.Paid + r.Amount.Amount } },
        ReplacementShipped => this with { Execution = Execution with { ReplacementShipped = true } },
        RepairCompleted => this with { Execution = Execution with { RepairCompleted = true } },
        TicketResolved r => this with
        {
            Status = TicketStatus.Resolved,
            ResolvedAt = e.At,
            AcknowledgedAt = AcknowledgedAt ?? e.At,
            AnsweredOnTheSpot = r.OnTheSpot,
            RootCause = r.RootCause,
            CorrectiveAction = r.CorrectiveAction,
            IsSurveyClosed = false,
            Satisfaction = null,
        },
        SatisfactionRecorded s => this with { Satisfaction = new SatisfactionAnswer(s.Score, s.Comment), IsSurveyClosed = true },
        SurveyClosed => this with { IsSurveyClosed = true },
        TicketReopened => (this with
        {
            ReopenCount = ReopenCount + 1, ResolvedAt = null, ClosedAt = null, ClosureReason = null, AnsweredOnTheSpot = false,
            RootCause = null, CorrectiveAction = null,
        }).WithoutPlan(),
        TicketClosed c => this with
        {
            Status = TicketStatus.Closed, ClosedAt = e.At, ClosureReason = c.Reason, DeclineReason = c.Declined, DuplicateOf = c.DuplicateOf,
        },
        TicketArchived => this with { Status = TicketStatus.Archived, ArchivedAt = e.At },
        TicketEscalated x => this with { EscalationLevel = x.Level },
        ReplySent or InternalNoteAdded => this,
        CallbackRequested c => this with { Callback = new CallbackTask(c.Score, e.At) },
        CallbackCompleted c => this with { Callback = Callback is { } task ? task with { Outcome = c.Outcome, Note = c.Note, DoneAt = e.At } : null },
        ClockStarted c => WithClock(new SlaClock(
            c.Clock, c.Generation, ClockStatus.Running, c.Window, c.Thresholds, TimeSpan.Zero, c.At, 0, c.At, null, null) { Calendar = c.Calendar }),
        ClockPaused c => UpdateClock(c.Clock, k => k with { Status = ClockStatus.Paused, Elapsed = k.ElapsedAt(e.At), RunningSince = null }),
        ClockResumed c => UpdateClock(c.Clock, k => k with
        {
            Status = k.BreachedAt is null ? ClockStatus.Running : ClockStatus.Breached,
            RunningSince = e.At,
        }),
        ClockReplanned c => UpdateClock(c.Clock, k => k with
        {
            Generation = c.Generation,
            Window = c.Window,
            Thresholds = c.Thresholds,
            Elapsed = k.ElapsedAt(e.At),
            RunningSince = k.IsCounting ? e.At : null,
            Calendar = c.Calendar,
        }),
        ClockStageReached c => UpdateClock(c.Clock, k => c.Stage == ClockStage.Deadline && ClockRules.IsServiceLevel(k.Kind)
            ? k with { StagesReached = k.StagesReached + 1, Status = ClockStatus.Breached, BreachedAt = e.At }
            : k with { StagesReached = k.StagesReached + 1 }),
        ClockMet c => UpdateClock(c.Clock, k => Ended(k, ClockStatus.Met, e.At)),
        ClockStopped c => UpdateClock(c.Clock, k => Ended(k, ClockStatus.Stopped, e.At)),
        _ => throw new InvalidOperationException($"No evolve rule for {e.GetType().Name}."),
    };

    private TicketState WithoutPlan() => this with
    {
        Status = TicketStatus.InProgress,
        Plan = null,
        IsPlanApproved = false,
        IsPlanConfirmed = false,
        Execution = ExecutionProgress.None,
    };

    private TicketState WithClock(SlaClock clock) => this with { Clocks = Clocks.SetItem(clock.Kind, clock) };

    private TicketState UpdateClock(ClockKind kind, Func<SlaClock, SlaClock> update) =>
        Clocks.TryGetValue(kind, out var clock)
            ? WithClock(update(clock))
            : throw new InvalidOperationException($"Ticket {TicketId} has no {kind} clock.");

    private static SlaClock Ended(SlaClock clock, ClockStatus status, DateTimeOffset at) =>
        clock with { Status = status, Elapsed = clock.ElapsedAt(at), RunningSince = null, EndedAt = at };
}
