using TicketCluster.Domain;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>One page of a ticket list; <see cref="NextCursor"/> is passed back as <c>cursor</c> for the
/// next page and is absent on the last.</summary>
public sealed record TicketListView(IReadOnlyList<TicketListItem> Items, string? NextCursor)
{
    public static TicketListView For(TicketPage page, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new TicketListView([.. page.Rows.Select(r => TicketListItem.For(r, caller))], page.NextCursor);
    }
}

/// <summary>A ticket as a work queue lists it (the query row). For a merchant the item shows nothing that
/// the merchant's ticket view (<see cref="TicketView.For"/>, after <see cref="MerchantTicketView"/>) hides:
/// not the customer's id, the channel, the department, the agent, the escalation, nor a deadline other than
/// the merchant's own (the row's next deadline may be any clock's, so it is left out). The view is the one
/// rule; a test holds every list item to it. <c>Outcome</c> is how the ticket ended (kebab-case
/// <see cref="FinalOutcome"/>), null while it has not; the ticket view shows it to every reader.</summary>
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
    string? Outcome)
{
    public static TicketListItem For(TicketQueryRow row, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(caller);
        var merchant = caller.Role == ApiRole.Merchant;
        return new TicketListItem(
            row.TicketId, row.Status, row.Severity, row.Category, merchant ? null : row.Channel,
            merchant ? null : row.CustomerId, row.MerchantId, row.OrderId,
            merchant ? null : row.Department, merchant ? null : row.Assignee, merchant ? null : row.EscalationLevel,
            merchant ? null : row.NextDeadline, row.CreatedAt, row.UpdatedAt, row.ResolvedAt, row.Outcome);
    }
}

/// <summary>A customer's complaint history and the flags intake and agents act on.</summary>
/// <param name="RecentComplaints">Complaints opened in the classification's repeat window up to now.</param>
/// <param name="RepeatComplainer">At least the classification's repeat threshold of recent complaints: the
/// customer's next ticket is classified at least serious.</param>
/// <param name="SwappedItemFound">An inspection in the return-abuse window found that an item the customer
/// sent back or showed was not the one sold (<c>not-original-item</c>).</param>
public sealed record CustomerProfileView(
    string Id,
    CustomerTier Tier,
    IReadOnlyList<CustomerTicketView> OpenTickets,
    IReadOnlyList<CustomerTicketView> PastTickets,
    int RecentComplaints,
    bool RepeatComplainer,
    bool ReturnAbuseSuspected,
    int ReturnsInWindow,
    bool SwappedItemFound)
{
    public static CustomerProfileView For(CustomerProfile profile, DateTimeOffset now, TimeSpan repeatWindow, int repeatThreshold)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var recent = profile.ComplaintsWithin(now, repeatWindow);
        var abuse = profile.AssessReturnAbuse(now);
        var tickets = profile.Complaints.OrderByDescending(c => c.OpenedAt).ToList();
        return new CustomerProfileView(
            profile.CustomerId,
            profile.Tier,
            [.. tickets.Where(c => c.Status == ComplaintStatus.Open).Select(CustomerTicketView.For)],
            [.. tickets.Where(c => c.Status != ComplaintStatus.Open).Select(CustomerTicketView.For)],
            recent,
            recent >= repeatThreshold,
            abuse.Suspected,
            abuse.ReturnsInWindow,
            profile.SwappedItemsWithin(now) > 0);
    }
}

public sealed record CustomerTicketView(string TicketId, string OrderId, TicketCategory Category, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)
{
    public static CustomerTicketView For(ComplaintRecord complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return new CustomerTicketView(complaint.TicketId, complaint.OrderId, complaint.Category, complaint.OpenedAt, complaint.ClosedAt);
    }
}

/// <summary>A merchant's scorecard: disputes open, response-time compliance, how often it was found
/// responsible, its tickets' satisfaction, and deadlines it missed.</summary>
public sealed record MerchantScorecardView(
    string Id,
    int OpenDisputes,
    int SilentTickets,
    ResponseCompliance Responses,
    ResponsibilityTally Responsibility,
    SatisfactionTally Satisfaction,
    int RecentStrikes,
    int TotalStrikes)
{
    /// <summary>The window of <see cref="RecentStrikes"/>.</summary>
    public static readonly TimeSpan StrikeWindow = TimeSpan.FromDays(30);

    public static MerchantScorecardView For(MerchantScorecard scorecard, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        return new MerchantScorecardView(
            scorecard.MerchantId,
            scorecard.OpenDisputeCount,
            scorecard.SilentTickets.Count,
            scorecard.Responses,
            scorecard.Responsibility,
            scorecard.Satisfaction,
            scorecard.StrikesWithin(now, StrikeWindow),
            scorecard.TotalStrikes);
    }
}
