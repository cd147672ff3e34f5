using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>Projects a ticket onto its row in the query table (work queues, reports).</summary>
public static class TicketQueryRows
{
    public static TicketQueryRow From(TicketState ticket, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(ticket);
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
            ticket.ResolvedAt);
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
