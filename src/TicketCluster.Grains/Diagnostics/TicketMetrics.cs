using System.Diagnostics.Metrics;
using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Diagnostics;

/// <summary>
/// What the ticket grain counts: SLA breaches and escalations, from the events a turn has just committed.
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

    /// <summary>Counts the breaches and escalations among <paramref name="events"/>, committed for
    /// <paramref name="ticket"/> on node <paramref name="node"/>.</summary>
    public static void Committed(string node, TicketState ticket, IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(events);
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

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
