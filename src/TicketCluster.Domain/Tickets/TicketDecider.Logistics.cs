using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

// Logistics exceptions (docs/domain.md): each starts the clock of the party that must act; a customs hold
// pauses the resolution clock until the customer's documents arrive.
public static partial class TicketDecider
{
    private static TicketRejection? RecordLogisticsIssue(DecisionBuilder b, RecordLogisticsIssue c)
    {
        if ((Rules.Defined(c.Exception, "exception") ?? Rules.Blank(c.Note, "note")) is { } invalid)
        {
            return invalid;
        }

        if (b.State.LogisticsExceptions.Any(e => e.Kind == c.Exception))
        {
            return new RuleViolated("exception", "logistics-exception-open", $"a {c.Exception} exception is already open; clear it first");
        }

        b.Emit(new LogisticsExceptionRecorded(c.Exception, c.Note));
        b.StartClock(LogisticsRules.ClockOf(c.Exception));
        if (LogisticsRules.PausesResolution(c.Exception))
        {
            b.PauseClock(ClockKind.Resolution);
        }

        return null;
    }

    private static TicketRejection? ClearLogisticsIssue(DecisionBuilder b, ClearLogisticsIssue c)
    {
        if ((Rules.Defined(c.Exception, "exception") ?? Rules.Blank(c.Note, "note")) is { } invalid)
        {
            return invalid;
        }

        if (!b.State.LogisticsExceptions.Any(e => e.Kind == c.Exception))
        {
            return new RuleViolated("exception", "no-logistics-exception", $"no {c.Exception} exception is open");
        }

        b.Emit(new LogisticsExceptionCleared(c.Exception, c.Note));
        EndLogisticsWait(b, c.Exception);
        return null;
    }

    private static TicketRejection? CustomsDocuments(DecisionBuilder b, RecordCustomsDocuments c)
    {
        if (!b.State.LogisticsExceptions.Any(e => e.Kind == LogisticsExceptionKind.HeldAtCustoms))
        {
            return new RuleViolated("documents", "no-customs-hold", "no customs hold waits for documents");
        }

        if (Rules.Blank(c.Documents, "documents") is { } invalid)
        {
            return invalid;
        }

        b.Emit(new CustomsDocumentsReceived(c.Documents));
        EndLogisticsWait(b, LogisticsExceptionKind.HeldAtCustoms);
        return null;
    }

    /// <summary>The exception is over: its clock is fulfilled unless another open exception shares it, and a
    /// customs hold gives the resolution clock back unless the ticket still waits on the customer otherwise.</summary>
    private static void EndLogisticsWait(DecisionBuilder b, LogisticsExceptionKind kind)
    {
        var clock = LogisticsRules.ClockOf(kind);
        if (!b.State.LogisticsExceptions.Any(e => LogisticsRules.ClockOf(e.Kind) == clock))
        {
            b.FulfilClock(clock);
        }

        if (LogisticsRules.PausesResolution(kind) && !WaitsOnCustomer(b.State.Status))
        {
            b.ResumeClock(ClockKind.Resolution);
        }
    }

    /// <summary>The statuses in which the resolution clock is paused for the customer's own step.</summary>
    private static bool WaitsOnCustomer(TicketStatus status) =>
        status is TicketStatus.AwaitingCustomer or TicketStatus.AwaitingConfirmation or TicketStatus.AwaitingReturn;
}
