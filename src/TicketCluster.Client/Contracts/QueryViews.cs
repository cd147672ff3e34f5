using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Client.Contracts;

/// <summary>Filters of a work queue (<c>GET /api/v1/tickets</c>); null means any. Enumerations are the
/// API's kebab-case names (<c>awaiting-merchant</c>).</summary>
public sealed record TicketListFilter
{
    public string? Status { get; init; }

    public string? Severity { get; init; }

    public string? Category { get; init; }

    public string? Channel { get; init; }

    public string? MerchantId { get; init; }

    public string? CustomerId { get; init; }

    public string? Assignee { get; init; }

    public bool? Escalated { get; init; }

    /// <summary>How the ticket ended (<c>resolved</c>, <c>declined-fraud</c>, <c>duplicate</c>, ...).</summary>
    public string? Outcome { get; init; }

    public DateTimeOffset? DueBefore { get; init; }

    /// <summary><c>deadline</c> (most urgent first, the default) or <c>created</c> (newest first).</summary>
    public string? Sort { get; init; }

    /// <summary>1 to 200; the server's default is 50.</summary>
    public int? Limit { get; init; }
}

/// <summary>One page of a work queue; pass <see cref="NextCursor"/> back for the next, null on the last.</summary>
public sealed record TicketListPage(IReadOnlyList<TicketListItem> Items, string? NextCursor);

/// <summary>A ticket as a work queue lists it. For a merchant the channel, customer id, department,
/// assignee, escalation and next deadline are null, as the merchant's ticket view hides them.</summary>
public sealed record TicketListItem(
    string Id,
    string Status,
    string Severity,
    string Category,
    string? Channel,
    string? CustomerId,
    string MerchantId,
    string? OrderId,
    string? Department,
    string? Assignee,
    int? EscalationLevel,
    DateTimeOffset? NextDeadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    string? Outcome = null);

/// <summary>A customer's complaint history and flags.</summary>
public sealed record CustomerProfileView(
    string Id,
    CustomerTier Tier,
    IReadOnlyList<CustomerTicketView> OpenTickets,
    IReadOnlyList<CustomerTicketView> PastTickets,
    int RecentComplaints,
    bool RepeatComplainer,
    bool ReturnAbuseSuspected,
    int ReturnsInWindow,
    bool SwappedItemFound = false);

public sealed record CustomerTicketView(string TicketId, string OrderId, TicketCategory Category, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>A merchant's scorecard.</summary>
public sealed record MerchantScorecardView(
    string Id,
    int OpenDisputes,
    int SilentTickets,
    ResponseCompliance Responses,
    ResponsibilityTally Responsibility,
    SatisfactionTally Satisfaction,
    int RecentStrikes,
    int TotalStrikes);

/// <summary>The summary report of <c>GET /api/v1/reports/summary</c> over tickets created in [from, to).</summary>
public sealed record SummaryReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Tickets,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByOutcome,
    IReadOnlyDictionary<string, int> ByMerchant,
    IReadOnlyDictionary<string, SlaComplianceView> SlaCompliance,
    DurationSummaryView FirstResponse,
    DurationSummaryView Resolution,
    SatisfactionSummaryView Satisfaction,
    RepeatComplaintsView RepeatComplaints,
    IReadOnlyDictionary<string, int> EscalationsByLevel,
    IReadOnlyDictionary<string, int> OpenByAssignee,
    IReadOnlyDictionary<string, int> OpenByDepartment,
    int OpenUnassigned);

public sealed record SlaComplianceView(int Met, int Breached, double? Ratio);

public sealed record DurationSummaryView(int Count, TimeSpan? Median, TimeSpan? P90);

public sealed record SatisfactionSummaryView(int Responses, double? Average, IReadOnlyDictionary<string, int> Distribution);

public sealed record RepeatComplaintsView(int Repeats, int Tickets, double? Rate);
