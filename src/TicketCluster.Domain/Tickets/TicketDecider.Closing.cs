using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Survey, reopening, closing, withdrawal and archiving (DESIGN.md step 10).
public static partial class TicketDecider
{
    private static ValidationFailed? Satisfaction(DecisionBuilder b, RecordSatisfaction c)
    {
        if (c.Score is < 1 or > 5)
        {
            return Rules.Fail("score", "must be between 1 and 5");
        }

        if (b.State.IsSurveyClosed || b.State.Clock(ClockKind.Survey) is not { IsOpen: true })
        {
            return Rules.Fail("score", "the survey is closed");
        }

        b.Emit(new SatisfactionRecorded(c.Score, c.Comment));
        b.FulfilClock(ClockKind.Survey);
        return null;
    }

    private static ValidationFailed? Reopen(DecisionBuilder b, ReopenTicket c)
    {
        if (Rules.Blank(c.Reason, "reason") is { } invalid)
        {
            return invalid;
        }

        var state = b.State;
        if (state.ResolvedAt is not { } resolvedAt)
        {
            return Rules.Fail("ticket", $"only a resolved ticket can be reopened; this one was closed as {state.ClosureReason}");
        }

        if (b.Now > resolvedAt + b.Policy.ReopenWindow)
        {
            return Rules.Fail("ticket", $"the reopening window of {b.Policy.ReopenWindow} after resolution has passed");
        }

        b.Emit(new TicketReopened(c.Reason));
        b.StopClock(ClockKind.Survey);
        b.StopClock(ClockKind.AutoClose);
        b.StartClock(ClockKind.Resolution);
        // A reopened ticket is a failure of the first resolution: it goes one level up.
        b.Escalate(Math.Min(state.EscalationLevel + 1, MaxEscalationLevel), EscalationReason.Reopened, null, c.Reason);
        return null;
    }

    private static ValidationFailed? Close(DecisionBuilder b, CloseTicket c)
    {
        b.Emit(new TicketClosed(ClosureReason.Manual, c.Note));
        b.StopAllClocks();
        return null;
    }

    private static ValidationFailed? Withdraw(DecisionBuilder b, WithdrawTicket c)
    {
        if (Rules.Blank(c.Reason, "reason") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new TicketClosed(ClosureReason.Withdrawn, c.Reason));
        b.StopAllClocks();
        return null;
    }

    private static TicketRejection? Archive(DecisionBuilder b)
    {
        b.Emit(new TicketArchived());
        return null;
    }
}
