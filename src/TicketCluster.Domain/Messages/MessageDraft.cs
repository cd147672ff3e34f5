using System.Collections.Immutable;
using System.Globalization;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Messages;

/// <summary>What a customer-facing event says, before a template words it: the kind, the customer's language
/// and the values the templates may use (<see cref="MessageTemplates.Placeholders"/>).</summary>
public sealed record MessageDraft(OutboundMessageKind Kind, string Language, ImmutableSortedDictionary<string, string> Values);

/// <summary>
/// Which events speak to the customer, and what they say (pure): the acknowledgement (with the receipt, the
/// agent's next steps and when the next deadline falls), a request for information, a public reply, a plan
/// put to the customer for confirmation, the resolution, and the survey.
/// </summary>
public static class CustomerMessages
{
    /// <summary>The draft <paramref name="e"/> asks for, with <paramref name="after"/> the ticket once it
    /// applied; null when the event is not customer-facing. The language is the customer's when supported,
    /// otherwise <paramref name="defaultLanguage"/>.</summary>
    public static MessageDraft? Draft(TicketState after, TicketEvent e, string defaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(e);
        var language = CustomerLanguages.IsSupported(after.Customer.Language) ? after.Customer.Language! : defaultLanguage;
        (OutboundMessageKind Kind, string? Message)? said = e switch
        {
            TicketAcknowledged a => (OutboundMessageKind.Acknowledgement, a.Message),
            InformationRequested r => (OutboundMessageKind.InformationRequest, r.Question),
            ReplySent r => (OutboundMessageKind.Reply, r.Message),
            ResolutionProposed { RequiresApproval: false } p => (OutboundMessageKind.ProposedPlan, p.Plan.Note),
            PlanApproved => (OutboundMessageKind.ProposedPlan, after.Plan?.Note),
            TicketResolved r => (OutboundMessageKind.Resolution, r.Result),
            ClockStarted { Clock: ClockKind.Survey } => (OutboundMessageKind.Survey, null),
            _ => null,
        };
        if (said is not { } s)
        {
            return null;
        }

        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        values["ticketId"] = after.TicketId;
        values["customerName"] = after.Customer.Name;
        values["message"] = s.Message ?? "";
        values["deadline"] = NextDeadline(after) is { } due ? Format(due, after.Customer.TimeZone) : "";
        values["plan"] = after.Plan is { } plan ? PlanText(plan) : "";
        return new MessageDraft(s.Kind, language, values.ToImmutable());
    }

    /// <summary>When the customer can expect the next step: the resolution deadline while it counts, else the
    /// earliest deadline of a counting clock.</summary>
    public static DateTimeOffset? NextDeadline(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Clock(ClockKind.Resolution) is { IsCounting: true, DueAt: { } resolution })
        {
            return resolution;
        }

        return ticket.Clocks.Values.Where(c => c.IsCounting && c.DueAt is not null).Select(c => c.DueAt!.Value).Order().Cast<DateTimeOffset?>().FirstOrDefault();
    }

    /// <summary><paramref name="at"/> in the customer's zone (<c>2026-11-18 16:00 (Asia/Shanghai)</c>), in UTC
    /// when the zone is not given or not known.</summary>
    public static string Format(DateTimeOffset at, string? timeZone)
    {
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" ({timeZone})";
        }

        return at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC)";
    }

    private static string PlanText(ResolutionPlan plan)
    {
        var kind = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(plan.Kind.ToString());
        return plan.Amount is { } amount
            ? string.Create(CultureInfo.InvariantCulture, $"{kind} {amount.Amount:0.##} {amount.Currency}")
            : kind;
    }
}
