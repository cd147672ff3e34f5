using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Talking to the customer during the ticket: replies and internal notes; the callback a dissatisfied
// survey answer asks for (docs/domain.md, "Talking to the customer").
public static partial class TicketDecider
{
    private static ValidationFailed? Reply(DecisionBuilder b, ReplyToCustomer c)
    {
        if ((Rules.Defined(c.Visibility, "visibility") ?? Rules.Blank(c.Message, "message")) is { } invalid)
        {
            return invalid;
        }

        b.Emit(c.Visibility == ReplyVisibility.Public ? new ReplySent(c.Message) : new InternalNoteAdded(c.Message));
        return null;
    }

    /// <summary>A survey answer at or below <see cref="CallbackTask.DissatisfiedScore"/> opens a callback on its own clock.</summary>
    private static void RequestCallbackIfDissatisfied(DecisionBuilder b, int score)
    {
        if (score <= CallbackTask.DissatisfiedScore)
        {
            b.Emit(new CallbackRequested(score));
            b.StartClock(ClockKind.Callback);
        }
    }

    private static TicketRejection? CallbackDone(DecisionBuilder b, RecordCallbackDone c)
    {
        if ((Rules.Defined(c.Outcome, "outcome") ?? Rules.Blank(c.Note, "note")) is { } invalid)
        {
            return invalid;
        }

        if (b.State.Callback is not { IsOpen: true })
        {
            return new RuleViolated("ticket", "no-callback", "no callback is owed on this ticket");
        }

        b.Emit(new CallbackCompleted(c.Outcome, c.Note));
        b.FulfilClock(ClockKind.Callback);

        return null;
    }
}
