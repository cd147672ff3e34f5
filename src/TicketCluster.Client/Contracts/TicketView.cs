using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Client.Contracts;

/// <summary>How the silo took an intake.</summary>
public enum IntakeOutcome
{
    /// <summary>A new ticket was opened (HTTP 201).</summary>
    Created,

    /// <summary>The same idempotency key or channel message was seen before: the ticket it created.</summary>
    Replayed,

    /// <summary>The same customer, order and problem has an open ticket: this contact was added to it.</summary>
    Merged,
}

/// <summary>The answer to an intake: how it was taken, and the ticket.</summary>
public sealed record SubmittedTicket(IntakeOutcome Outcome, TicketView Ticket);

/// <summary>One clock of a ticket: when it falls due and where it stands.</summary>
public sealed record DeadlineView(
    ClockKind Clock,
    ClockStatus State,
    DateTimeOffset? DueAt,
    TimeSpan Window,
    DateTimeOffset StartedAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>The business calendar the clock counts on; <c>wall-clock</c> when it counts every hour.</summary>
    public string? Calendar { get; init; }

    /// <summary>The calendar's IANA time zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The due time as local time of <see cref="TimeZone"/>, with that zone's offset.</summary>
    public DateTimeOffset? DueAtLocal { get; init; }
}

/// <summary>The customer; masked (and without id and tier) when a merchant reads the ticket.</summary>
public sealed record CustomerView(string? Id, string Name, string Phone, string Email, string Address, CustomerTier? Tier);

public sealed record OrderView(
    string Id,
    string MerchantId,
    decimal Amount,
    string Currency,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<OrderItem> Items)
{
    public string? Marketplace { get; init; }

    public string? ShipToCountry { get; init; }
}

/// <summary>The plan in force, whether it is approved and confirmed, how far it is carried out, and the
/// ticket's refunded total.</summary>
public sealed record ResolutionView(ResolutionPlan Plan, bool Approved, bool Confirmed, ExecutionProgress Execution, decimal Refunded);

/// <summary>
/// A ticket as <c>GET /api/v1/tickets/{id}</c> returns it. <see cref="Version"/> is what
/// <c>ifMatchVersion</c> takes. <see cref="AllowedCommands"/> lists the commands the caller's role may
/// send in the ticket's current status (route names, see <see cref="TicketCommands"/>).
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
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<ContactRecord>? Contacts,
    SatisfactionAnswer? Satisfaction,
    int ReopenCount,
    ClosureReason? ClosureReason,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ArchivedAt,
    IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<string> AllowedCommands)
{
    /// <summary>On the answer to an intake only.</summary>
    public IntakeOutcome? Intake { get; init; }

    /// <summary>How the ticket ended (resolved, answered on the spot, declined and why, duplicate, spam, …);
    /// null while it has not.</summary>
    public FinalOutcome? Outcome { get; init; }

    /// <summary>The ticket's clock of <paramref name="kind"/>, or null when it never ran.</summary>
    public DeadlineView? Deadline(ClockKind kind) => Deadlines.FirstOrDefault(d => d.Clock == kind);
}
