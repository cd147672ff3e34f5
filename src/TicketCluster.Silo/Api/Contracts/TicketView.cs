using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>How an intake was taken (the body's <c>intake</c> field).</summary>
public enum IntakeOutcome
{
    Created,
    Replayed,
    Merged,
}

/// <summary>One clock of a ticket as the API shows it: when it falls due and where it stands, and the calendar
/// it counts on (<see cref="Calendar"/>, <c>wall-clock</c> when it counts every hour) with that calendar's zone.</summary>
public sealed record DeadlineView(
    ClockKind Clock,
    ClockStatus State,
    DateTimeOffset? DueAt,
    TimeSpan Window,
    DateTimeOffset StartedAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? EndedAt)
{
    public string Calendar { get; init; } = BusinessCalendar.WallClockId;

    /// <summary>The calendar's IANA zone (<c>UTC</c> for a clock without a calendar).</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary><see cref="DueAt"/> as local time of <see cref="TimeZone"/> with its offset
    /// (<c>2026-12-09T18:00:00+08:00</c>); every other time of the API is written in UTC.</summary>
    public string? DueAtLocal { get; init; }

    public static DeadlineView Of(SlaClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var calendar = clock.CountsOn;
        var due = clock.DueAt;
        return new DeadlineView(clock.Kind, clock.Status, due, clock.Window, clock.StartedAt, clock.BreachedAt, clock.EndedAt)
        {
            Calendar = calendar.Id,
            TimeZone = calendar.TimeZone,
            DueAtLocal = due is { } at
                ? calendar.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture)
                : null,
        };
    }
}

/// <summary>The customer as staff and the customer see them; masked for merchants, who see the language
/// to answer in but not the time zone.</summary>
public sealed record CustomerView(string? Id, string Name, string Phone, string Email, string Address, CustomerTier? Tier)
{
    public string? Language { get; init; }

    public string? TimeZone { get; init; }
}

/// <summary>The order, with the amount and currency side by side as the intake sends them.</summary>
public sealed record OrderView(
    string Id,
    string MerchantId,
    decimal Amount,
    string Currency,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? DeliveredAt,
    ImmutableArray<OrderItem> Items)
{
    /// <summary>The marketplace whose return rules apply; null when the intake named none.</summary>
    public string? Marketplace { get; init; }

    /// <summary>The country the order was delivered to; null when the intake named none.</summary>
    public string? ShipToCountry { get; init; }
}

public sealed record ResolutionView(ResolutionPlan Plan, bool Approved, bool Confirmed, ExecutionProgress Execution, decimal Refunded);

/// <summary>
/// A ticket as <c>GET /api/v1/tickets/{id}</c> returns it. <see cref="Version"/> is the value for
/// <c>If-Match</c>. For a merchant the customer is masked and internal routing, contacts and the
/// customer's satisfaction are left out (see <see cref="MerchantTicketView"/>).
/// </summary>
public sealed record TicketView(
    string Id,
    long Version,
    TicketStatus Status,
    TicketCategory Category,
    Severity Severity,
    Channel? Channel,
    RequestedOutcome RequestedOutcome,
    string Description,
    CustomerView Customer,
    OrderView Order,
    Department? Department,
    string? Assignee,
    int? EscalationLevel,
    MerchantPosition? MerchantPosition,
    ResponsibilityDecision? Responsibility,
    ResolutionView? Resolution,
    ImmutableArray<EvidenceItem> Evidence,
    ImmutableArray<ContactRecord>? Contacts,
    SatisfactionAnswer? Satisfaction,
    int ReopenCount,
    ClosureReason? ClosureReason,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ArchivedAt,
    ImmutableArray<DeadlineView> Deadlines,
    ImmutableArray<string> AllowedCommands)
{
    /// <summary>On the answer to an intake only: how the intake was taken.</summary>
    public IntakeOutcome? Intake { get; init; }

    /// <summary>How the ticket ended (<see cref="TicketState.Outcome"/>); null while it has not.</summary>
    public FinalOutcome? Outcome { get; init; }

    /// <summary>When and where the problem happened and which order line it concerns, as the intake said.</summary>
    public IncidentFacts? Incident { get; init; }

    /// <summary>The verdict of the latest investigation inspection that reached one.</summary>
    public InspectionOutcome? InspectionOutcome { get; init; }

    /// <summary>Why the problem happened and what is done about it, from the resolution.</summary>
    public RootCause? RootCause { get; init; }

    public string? CorrectiveAction { get; init; }

    /// <summary>The warranty period and whether the item was within it when assessed.</summary>
    public WarrantyAssessment? Warranty { get; init; }

    /// <summary>For staff only: the category and severity the ticket opened with and the classifier's reasons
    /// (signal, words, language), so an agent sees why and can correct it (docs/classification.md).</summary>
    public OpeningClassification? Classification { get; init; }

    /// <summary>Who pays whom on this ticket (docs/domain.md, Who pays): every line for staff, the lines it
    /// pays or receives for a merchant, none (null) for the customer's side.</summary>
    public ImmutableArray<MoneyLine>? MoneyLines { get; init; }

    /// <summary>The logistics exceptions still open (lost, late, damaged in transit, held at customs, wrong
    /// address); their clocks are among the deadlines.</summary>
    public ImmutableArray<LogisticsIssue> LogisticsExceptions { get; init; } = [];

    /// <summary>For staff only: the callback a dissatisfied survey answer opened (<see cref="CallbackTask"/>).</summary>
    public CallbackTask? Callback { get; init; }

    /// <summary>The view of <paramref name="ticket"/> for <paramref name="caller"/>.</summary>
    public static TicketView For(TicketState ticket, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(caller);
        var order = new OrderView(
            ticket.Order.Id, ticket.Order.MerchantId, ticket.Order.Amount.Amount, ticket.Order.Amount.Currency,
            ticket.Order.PurchasedAt, ticket.Order.DeliveredAt, ticket.Order.Items.IsDefault ? [] : ticket.Order.Items)
        {
            Marketplace = ticket.Order.Marketplace,
            ShipToCountry = ticket.Order.ShipToCountry,
        };
        var resolution = ticket.Plan is { } plan
            ? new ResolutionView(plan, ticket.IsPlanApproved, ticket.IsPlanConfirmed, ticket.Execution, ticket.Refunded)
            : null;
        var deadlines = ticket.Clocks.Values
            .Select(DeadlineView.Of)
            .ToImmutableArray();
        var allowed = TransitionTable.AllowedIn(ticket.Status)
            .Select(kind => CommandRoutes.NameOf(kind) is { } name ? CommandRoutes.Find(name) : null)
            .OfType<CommandRoute>()
            .Where(r => CommandRoutes.MaySend(caller.Role, r))
            .Select(r => r.Name)
            .ToImmutableArray();

        if (caller.Role == ApiRole.Merchant)
        {
            var masked = MerchantTicketView.From(ticket);
            var maskedResolution = resolution is null ? null : resolution with { Plan = masked.Plan! };
            return new TicketView(
                ticket.TicketId, ticket.Version, ticket.Status, ticket.Category, ticket.Severity, null, ticket.RequestedOutcome,
                masked.Description, new CustomerView(null, masked.Customer.Name, masked.Customer.Phone, masked.Customer.Email, masked.Customer.City, null) { Language = ticket.Customer.Language },
                order, null, null, null, ticket.MerchantPosition, masked.Responsibility, maskedResolution, masked.Evidence, null, null,
                ticket.ReopenCount, ticket.ClosureReason, ticket.OpenedAt, ticket.AcknowledgedAt, ticket.ResolvedAt, ticket.ClosedAt,
                ticket.ArchivedAt, deadlines.Where(d => d.Clock == ClockKind.MerchantResponse).ToImmutableArray(), allowed)
            {
                Outcome = ticket.Outcome,
                Incident = ticket.Incident,
                InspectionOutcome = ticket.InspectionOutcome,
                Warranty = ticket.Warranty,
                RootCause = ticket.RootCause,
                CorrectiveAction = ticket.CorrectiveAction,
                MoneyLines = masked.MoneyLines,
                LogisticsExceptions = masked.LogisticsExceptions,
            };
        }

        var customer = ticket.Customer;
        return new TicketView(
            ticket.TicketId, ticket.Version, ticket.Status, ticket.Category, ticket.Severity, ticket.Channel, ticket.RequestedOutcome,
            ticket.Description, new CustomerView(customer.Id, customer.Name, customer.Phone, customer.Email, customer.Address, customer.Tier)
            {
                Language = customer.Language,
                TimeZone = customer.TimeZone,
            },
            order, ticket.Department, ticket.AssigneeId, ticket.EscalationLevel, ticket.MerchantPosition, ticket.Responsibility,
            resolution, ticket.Evidence, ticket.Contacts, ticket.Satisfaction, ticket.ReopenCount, ticket.ClosureReason,
            ticket.OpenedAt, ticket.AcknowledgedAt, ticket.ResolvedAt, ticket.ClosedAt, ticket.ArchivedAt, deadlines, allowed)
        {
            Classification = caller.IsStaff ? ticket.Classified : null,
            MoneyLines = caller.IsStaff ? ticket.MoneyLines : null,
            Callback = caller.IsStaff ? ticket.Callback : null,
            LogisticsExceptions = ticket.LogisticsExceptions,
            Outcome = ticket.Outcome,
            Incident = ticket.Incident,
            InspectionOutcome = ticket.InspectionOutcome,
            Warranty = ticket.Warranty,
            RootCause = ticket.RootCause,
            CorrectiveAction = ticket.CorrectiveAction,
        };
    }
}
