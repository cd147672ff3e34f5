using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>Projects a ticket onto its row in the query table (work queues, reports).</summary>
public static class TicketQueryRows
{
    /// <param name="events">Every event of the ticket so far (the grain's audit trail): the clocks met
    /// and breached are counted over all generations of each clock, which the state alone no longer
    /// holds once a clock restarts.</param>
    public static TicketQueryRow From(TicketState ticket, IEnumerable<TicketEvent> events, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (met, breached) = ClockOutcomes(events);
        return new TicketQueryRow(
            ticket.TicketId,
            Kebab(ticket.Status),
            Kebab(ticket.Severity),
            Kebab(ticket.Category),
            Kebab(ticket.Channel),
            ticket.Customer.Id,
            ticket.Order.MerchantId,
            ticket.Order.Id,
            ticket.Department is { } department ? Kebab(department) : null,
            ticket.AssigneeId,
            ticket.EscalationLevel,
            NextDeadline(ticket),
            ticket.OpenedAt,
            updatedAt,
            ticket.ResolvedAt,
            ticket.AcknowledgedAt,
            ticket.Satisfaction?.Score,
            ClockNames.Join(met.Select(Kebab)),
            ClockNames.Join(breached.Select(Kebab)),
            ticket.Outcome is { } outcome ? Kebab(outcome) : null);
    }

    /// <summary>
    /// Per service-level clock kind (<see cref="ClockRules.IsServiceLevel"/>): breached when any of its
    /// clocks reached its deadline stage; met when none did and at least one was met. A kind still
    /// counting, or stopped because its wait no longer applied, is in neither list. Both lists are in
    /// <see cref="ClockKind"/> order.
    /// </summary>
    public static (IReadOnlyList<ClockKind> Met, IReadOnlyList<ClockKind> Breached) ClockOutcomes(IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var met = new SortedSet<ClockKind>();
        var breached = new SortedSet<ClockKind>();
        foreach (var e in events)
        {
            switch (e)
            {
                case ClockMet m when ClockRules.IsServiceLevel(m.Clock):
                    met.Add(m.Clock);
                    break;
                case ClockStageReached { Stage: ClockStage.Deadline } r when ClockRules.IsServiceLevel(r.Clock):
                    breached.Add(r.Clock);
                    break;
                default:
                    break;
            }
        }

        met.ExceptWith(breached);
        return ([.. met], [.. breached]);
    }

    /// <summary>The earliest deadline (end of window) among the clocks still counting: what a work
    /// queue sorts by. Warnings are earlier but are not deadlines.</summary>
    public static DateTimeOffset? NextDeadline(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Clocks.Values
            .Where(c => c.IsCounting)
            .Select(c => c.DueAt)
            .OfType<DateTimeOffset>()
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();
    }

    /// <summary>An enumeration value as the API and the query table spell it: kebab-case.</summary>
    public static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
