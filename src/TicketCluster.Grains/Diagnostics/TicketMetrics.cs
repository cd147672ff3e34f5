using System.Diagnostics.Metrics;
using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Diagnostics;

/// <summary>
/// What the ticket grain counts: SLA breaches, escalations and the lateness of deadline stages, from the
/// events a turn has just committed; and reminder changes that failed.
/// Counted where the write succeeded, so each event is counted once, by the node that committed it,
/// whatever drove the turn (an API command or a reminder); a turn retried after a version conflict
/// counts only its committed attempt.
/// </summary>
public static class TicketMetrics
{
    private static readonly Meter Meter = new(TicketClusterTelemetry.MeterName);

    private static readonly Counter<long> Breaches = Meter.CreateCounter<long>(
        "ticketcluster.sla.breaches", "{breach}", "Clocks that passed their deadline (ClockStageReached at the deadline stage).");

    private static readonly Counter<long> Escalations = Meter.CreateCounter<long>(
        "ticketcluster.escalations", "{escalation}", "Tickets escalated, by level and reason.");

    private static readonly Histogram<double> Lateness = Meter.CreateHistogram<double>(
        "ticketcluster.deadline.lateness", "s", "Seconds between a deadline stage's due time and the decision that took it into effect.");

    private static readonly Counter<long> RegistrationsFailed = Meter.CreateCounter<long>(
        "ticketcluster.reminder.registration_failed", "{change}", "Reminder registrations or removals that failed after a committed turn (retried at the ticket's next turn).");

    /// <summary>Counts the breaches and escalations among <paramref name="events"/>, without lateness.</summary>
    public static void Committed(string node, TicketState ticket, IEnumerable<TicketEvent> events) =>
        Committed(node, null, ticket, events);

    /// <summary>Counts the breaches and escalations among <paramref name="events"/>, committed for
    /// <paramref name="ticket"/> on node <paramref name="node"/>, and records how late each deadline stage
    /// among them took effect: its due time is the pending tick of its clock in <paramref name="before"/>
    /// (the ticket as the turn found it) evolved by the events before it, so every stage of a catch-up has
    /// its own.</summary>
    public static void Committed(string node, TicketState? before, TicketState ticket, IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(events);
        if (Lateness.Enabled && before is not null)
        {
            RecordLateness(node, before, ticket, events);
        }

        if (!Breaches.Enabled && !Escalations.Enabled)
        {
            return;
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case ClockStageReached { Stage: ClockStage.Deadline } breach:
                    Breaches.Add(1, new("node", node), new("clock", Kebab(breach.Clock)), new("severity", Kebab(ticket.Severity)));
                    break;
                case TicketEscalated escalated:
                    Escalations.Add(1, new("node", node), new("level", escalated.Level), new("reason", Kebab(escalated.Reason)), new("severity", Kebab(ticket.Severity)));
                    break;
            }
        }
    }

    /// <summary>Counts one failed reminder change of a ticket's clock reminder <paramref name="reminder"/>.</summary>
    public static void ReminderChangeFailed(string node, string reminder) =>
        RegistrationsFailed.Add(1, new("node", node), new("reminder", reminder));

    private static void RecordLateness(string node, TicketState before, TicketState ticket, IEnumerable<TicketEvent> events)
    {
        var state = before;
        foreach (var e in events)
        {
            if (e is ClockStageReached reached
                && state.Clock(reached.Clock)?.NextTick() is { } tick
                && tick.Generation == reached.Generation
                && tick.Stage == reached.Stage)
            {
                Lateness.Record(
                    Math.Max(0, (e.At - tick.DueAt).TotalSeconds),
                    new("node", node), new("clock", Kebab(reached.Clock)), new("stage", Kebab(reached.Stage)), new("severity", Kebab(ticket.Severity)));
            }

            state = TicketState.Evolve(state, e);
        }
    }

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
