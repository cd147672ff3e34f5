using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Deadline ticks: the escalation ladder and what each clock's deadline does (docs/domain.md, "Clocks").
public static partial class TicketDecider
{
    private static ValidationFailed? DeadlineReached(DecisionBuilder b, DeadlineReached c)
    {
        // Only the tick the state waits for counts. A stopped clock, another generation, a stage already
        // handled or a tick delivered early is accepted with no events: ticks are safe to deliver twice.
        var tick = b.State.Clock(c.Clock)?.NextTick();
        if (tick is not { } due || due.Generation != c.Generation || due.DueAt != c.ScheduledFor || b.Now < due.DueAt)
        {
            return null;
        }

        // A late tick (the node was down) catches up on every stage of this clock that fell due meanwhile.
        while (true)
        {
            ReachStage(b, due);
            if (b.State.Clock(c.Clock)?.NextTick() is not { } next || next.Generation != due.Generation || next.DueAt > b.Now)
            {
                return null;
            }

            due = next;
        }
    }

    private static void ReachStage(DecisionBuilder b, PendingTick tick)
    {
        b.Emit(new ClockStageReached(tick.Clock, tick.Generation, tick.Stage));
        switch (tick.Stage)
        {
            case ClockStage.Warning:
                // The stage event is the warning to the assignee; nothing else changes.
                break;
            case ClockStage.SecondLevel:
                b.Escalate(2, EscalationReason.SecondLevelReached, tick.Clock);
                break;
            case ClockStage.Deadline:
                Lapse(b, tick.Clock);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tick), tick.Stage, null);
        }
    }

    private static void Lapse(DecisionBuilder b, ClockKind clock)
    {
        switch (clock)
        {
            case ClockKind.FirstResponse or ClockKind.Resolution or ClockKind.Callback:
                // Still awaited: the clock stays breached and counts on toward the second level.
                b.Escalate(1, EscalationReason.DeadlineBreached, clock);
                break;
            case ClockKind.MerchantResponse:
                b.StopClock(clock);
                b.Emit(new MerchantStrikeRecorded(b.State.Order.MerchantId, clock));
                b.Emit(new InvestigationStarted(InvestigationKind.PlatformIntervention, "The merchant did not respond in time: platform arbitration."));
                break;
            case ClockKind.CustomerReply:
                b.StopClock(clock);
                b.Emit(new CustomerReplyLapsed());
                b.ResumeClock(ClockKind.Resolution);
                break;
            case ClockKind.CustomerConfirmation:
                b.StopClock(clock);
                b.Emit(new ConfirmationLapsed());
                b.ResumeClock(ClockKind.Resolution);
                break;
            case ClockKind.ReturnShipment:
                b.StopClock(clock);
                b.Emit(new TicketClosed(ClosureReason.ReturnWindowLapsed, "The return was not shipped within the authorized window."));
                b.StopAllClocks();
                break;
            case ClockKind.WarehouseInspection:
                // The customer is not made to wait on a silent warehouse: the return counts as passed.
                b.StopClock(clock);
                b.Emit(new WarehouseInspected(WarehouseOutcome.Pass, "No inspection within the window: deemed passed.", Deemed: true));
                b.Escalate(1, EscalationReason.DeadlineBreached, clock);
                break;
            case ClockKind.Survey:
                b.StopClock(clock);
                b.Emit(new SurveyClosed());
                break;
            case ClockKind.CarrierTrace or ClockKind.CustomsDocuments or ClockKind.AddressConfirmation:
                // The party did not act on a logistics exception: staff take it up; the exception stays open.
                b.StopClock(clock);
                b.Escalate(1, EscalationReason.DeadlineBreached, clock);
                break;
            case ClockKind.AutoClose:
                b.StopClock(clock);
                b.Emit(new TicketClosed(ClosureReason.AutoClosed, null));
                b.StopAllClocks();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(clock), clock, null);
        }
    }
}
