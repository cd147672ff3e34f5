using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Survey, reopening, closing, withdrawal, staff's declines and dismissals, and archiving (DESIGN.md step 10).
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
        RequestCallbackIfDissatisfied(b, c.Score);
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

    private static ValidationFailed? Close(DecisionBuilder b, CloseTicket c) => Dismiss(b, new TicketClosed(ClosureReason.Manual, c.Note));

    private static ValidationFailed? Withdraw(DecisionBuilder b, WithdrawTicket c) =>
        Rules.Blank(c.Reason, "reason") ?? Dismiss(b, new TicketClosed(ClosureReason.Withdrawn, c.Reason));

    private static ValidationFailed? Decline(DecisionBuilder b, DeclineTicket c)
    {
        if ((Rules.Defined(c.Reason, "reason") ?? Rules.Blank(c.Note, "note")) is { } invalid)
        {
            return invalid;
        }

        return Dismiss(b, new TicketClosed(ClosureReason.Declined, c.Note) { Declined = c.Reason });
    }

    /// <summary>The original must be another ticket the node found (<see cref="CloseAsDuplicate.Original"/>),
    /// and not itself a duplicate: a duplicate points at the ticket that is being worked on.</summary>
    private static TicketRejection? CloseAsDuplicate(DecisionBuilder b, CloseAsDuplicate c)
    {
        if (Rules.Blank(c.DuplicateOf, "duplicateOf") is { } invalid)
        {
            return invalid;
        }

        if (string.Equals(c.DuplicateOf, b.State.TicketId, StringComparison.Ordinal))
        {
            return Rules.Fail("duplicateOf", "a ticket is not a duplicate of itself");
        }

        if (c.Original is not { } original || !string.Equals(original.TicketId, c.DuplicateOf, StringComparison.Ordinal))
        {
            return new RuleViolated("duplicateOf", "unknown-ticket", $"there is no ticket {c.DuplicateOf} that you may see");
        }

        if (original.Outcome == FinalOutcome.Duplicate)
        {
            return new RuleViolated("duplicateOf", "duplicate-of-duplicate", $"{original.TicketId} is itself a duplicate of {original.DuplicateOf}; name that ticket");
        }

        return Dismiss(b, new TicketClosed(ClosureReason.Duplicate, c.Note) { DuplicateOf = c.DuplicateOf });
    }

    private static ValidationFailed? CloseAsSpam(DecisionBuilder b, CloseAsSpam c) =>
        Rules.Blank(c.Note, "note") ?? Dismiss(b, new TicketClosed(ClosureReason.Spam, c.Note));

    /// <summary>Closes the ticket: every open clock stops (stopped, not breached: the wait no longer applies).</summary>
    private static ValidationFailed? Dismiss(DecisionBuilder b, TicketClosed closed)
    {
        b.Emit(closed);
        b.StopAllClocks();
        return null;
    }

    private static TicketRejection? Archive(DecisionBuilder b)
    {
        b.Emit(new TicketArchived());
        return null;
    }
}
