using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// The pure model of the CustomerGrain: the customer's tier, complaint history, returns and inspection
/// findings, fed by <see cref="CustomerFact"/>s. Immutable; <see cref="Apply(CustomerFact)"/> returns the
/// next state, and a fact whose <see cref="CustomerFact.EventId"/> was applied before changes nothing
/// (see <see cref="AppliedEventLog"/> for how long ids are remembered).
/// </summary>
public sealed record CustomerProfile(
    string CustomerId,
    CustomerTier Tier,
    ImmutableList<ComplaintRecord> Complaints,
    ImmutableList<ReturnRecord> Returns,
    ImmutableList<InspectionRecord> Inspections,
    AppliedEventLog Events)
{
    /// <summary>When the history was last trimmed (<see cref="TrimIfDue"/>); null before the first trim.</summary>
    public DateTimeOffset? TrimmedAt { get; init; }

    public static CustomerProfile Create(string customerId, CustomerTier tier, TimeSpan? eventIdRetention = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return new CustomerProfile(customerId, tier, [], [], [], AppliedEventLog.Empty(eventIdRetention));
    }

    /// <summary>
    /// The number of complaints opened in the window that ends at <paramref name="now"/>
    /// (<c>now - window &lt; opened ≤ now</c>). Computed before a new ticket is opened, it is
    /// <see cref="Classification.ClassificationInput.RecentComplaintCount"/>. A complaint reserved by the
    /// intake with fingerprint <paramref name="exceptIntake"/> is not counted: a retry of an intake whose
    /// first attempt died after its reservation is not a repeat of itself.
    /// </summary>
    public int ComplaintsWithin(DateTimeOffset now, TimeSpan window, string? exceptIntake = null)
    {
        var from = now - window;
        return Complaints.Count(c => c.OpenedAt > from && c.OpenedAt <= now && !c.IsReservedBy(exceptIntake));
    }

    /// <summary>Whether any complaint, open or closed, was about this order (one reserved by the intake
    /// <paramref name="exceptIntake"/> aside, as for <see cref="ComplaintsWithin"/>).</summary>
    public bool HasComplainedAboutOrder(string orderId, string? exceptIntake = null)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        return orderId.Length > 0 && Complaints.Any(c => string.Equals(c.OrderId, orderId, StringComparison.Ordinal) && !c.IsReservedBy(exceptIntake));
    }

    /// <summary>
    /// The merge rule of intake: the open ticket an intake of this customer about the same order and
    /// category must be merged into, or null when a new ticket is needed. With several candidates, the
    /// most recently opened one. Intakes without an order are never merged.
    /// </summary>
    public string? FindOpenTicket(string orderId, TicketCategory category)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        if (orderId.Length == 0)
        {
            return null;
        }

        return Complaints
            .Where(c => c.Status == ComplaintStatus.Open && c.Category == category && string.Equals(c.OrderId, orderId, StringComparison.Ordinal))
            .OrderByDescending(c => c.OpenedAt)
            .ThenByDescending(c => c.TicketId, StringComparer.Ordinal)
            .Select(c => c.TicketId)
            .FirstOrDefault();
    }

    /// <summary>Assesses return abuse in the policy's window ending at <paramref name="now"/>.</summary>
    public ReturnAbuseAssessment AssessReturnAbuse(DateTimeOffset now, ReturnAbusePolicy? policy = null)
    {
        policy ??= ReturnAbusePolicy.Default;
        var from = now - policy.Window;
        var returns = Returns.Count(r => r.ReceivedAt > from && r.ReceivedAt <= now);
        var findings = Inspections.Count(i => i.At > from && i.At <= now && policy.FlaggedFindings.Contains(i.Finding));
        return new ReturnAbuseAssessment(returns >= policy.MaxReturns || findings >= policy.MaxFlaggedFindings, returns, findings);
    }

    /// <summary>How many inspections within the return-abuse window found an item that was not the one
    /// sold (<see cref="InspectionFinding.ItemSwappedOrMissing"/>): the swapped-item flag agents see.</summary>
    public int SwappedItemsWithin(DateTimeOffset now, ReturnAbusePolicy? policy = null)
    {
        var from = now - (policy ?? ReturnAbusePolicy.Default).Window;
        return Inspections.Count(i => i.At > from && i.At <= now && i.Finding == InspectionFinding.ItemSwappedOrMissing);
    }

    public CustomerProfile Apply(CustomerFact fact) => Apply([fact]);

    /// <summary>Applies facts in order; the result equals applying them one by one.</summary>
    public CustomerProfile Apply(IEnumerable<CustomerFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var events = new AppliedEventLog.Tracker(Events);
        var complaints = Complaints.ToBuilder();
        var returns = Returns.ToBuilder();
        var inspections = Inspections.ToBuilder();
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact);
            if (!events.TryRecord(fact.EventId, fact.TicketId, fact.At))
            {
                continue;
            }

            switch (fact)
            {
                case ComplaintOpened opened when complaints.FindIndex(c => c.TicketId == opened.TicketId) < 0:
                    complaints.Add(new ComplaintRecord(opened.TicketId, opened.OrderId, opened.Category, opened.At, ComplaintStatus.Open, null));
                    break;
                case ComplaintCategoryChanged changed:
                    Update(complaints, changed.TicketId, c => c with { Category = changed.Category });
                    break;
                case ComplaintClosed closed:
                    Update(complaints, closed.TicketId, c => c with { Status = ComplaintStatus.Closed, ClosedAt = closed.At });
                    events.SetSettled(closed.TicketId, settled: true);
                    break;
                case ComplaintReopened reopened:
                    Update(complaints, reopened.TicketId, c => c with { Status = ComplaintStatus.Open, ClosedAt = null });
                    events.SetSettled(reopened.TicketId, settled: false);
                    break;
                case ReturnReceived received:
                    returns.Add(new ReturnRecord(received.TicketId, received.OrderId, received.At));
                    break;
                case ReturnInspected inspected:
                    inspections.Add(new InspectionRecord(inspected.TicketId, inspected.At, inspected.Finding));
                    break;
            }
        }

        return this with
        {
            Complaints = complaints.ToImmutable(),
            Returns = returns.ToImmutable(),
            Inspections = inspections.ToImmutable(),
            Events = events.ToLog(),
        };
    }

    /// <summary>
    /// Reserves <paramref name="ticketId"/> as an open complaint before its ticket exists, so that two
    /// intakes about the same problem cannot both open a ticket. The ticket's own
    /// <see cref="ComplaintOpened"/> fact later finds the record and adds nothing. The reservation is not
    /// an applied fact: <see cref="WithoutReservation"/> takes it back without a trace. The record keeps
    /// <paramref name="intakeFingerprint"/>, the reserving intake's, so that a retry of that same intake
    /// does not count it as an earlier complaint.
    /// </summary>
    public CustomerProfile Reserve(string ticketId, string orderId, TicketCategory category, DateTimeOffset at, string? intakeFingerprint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        ArgumentNullException.ThrowIfNull(orderId);
        return Complaints.Exists(c => c.TicketId == ticketId)
            ? this
            : this with { Complaints = Complaints.Add(new ComplaintRecord(ticketId, orderId, category, at, ComplaintStatus.Open, null, intakeFingerprint)) };
    }

    /// <summary>Takes back a reservation whose ticket was never opened; a complaint that has had any fact
    /// applied for its ticket is kept.</summary>
    public CustomerProfile WithoutReservation(string ticketId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketId);
        return Events.Tickets.ContainsKey(ticketId) ? this : this with { Complaints = Complaints.RemoveAll(c => c.TicketId == ticketId) };
    }

    /// <summary>The same profile with another tier (tiers come from the membership system, not from tickets).</summary>
    public CustomerProfile WithTier(CustomerTier tier) => this with { Tier = tier };

    /// <summary>
    /// Forgets closed complaints closed before <paramref name="before"/>, and returns and inspections
    /// before it. Open complaints are kept. The windows of the rules (30 days, 90 days) must stay inside
    /// the history; <see cref="TrimIfDue"/> is how the grain calls it.
    /// </summary>
    public CustomerProfile ForgetHistoryBefore(DateTimeOffset before) => this with
    {
        Complaints = Complaints.RemoveAll(c => c.Status == ComplaintStatus.Closed && c.ClosedAt < before),
        Returns = Returns.RemoveAll(r => r.ReceivedAt < before),
        Inspections = Inspections.RemoveAll(i => i.At < before),
    };

    /// <summary>Forgets the history older than <see cref="PartyRetention.History"/> before <paramref name="now"/>
    /// when the last trim is <see cref="PartyRetention.TrimInterval"/> old or more (or there was none);
    /// otherwise the profile unchanged.</summary>
    public CustomerProfile TrimIfDue(DateTimeOffset now, PartyRetention retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return retention.IsTrimDue(TrimmedAt, now) ? ForgetHistoryBefore(now - retention.History) with { TrimmedAt = now } : this;
    }

    private static void Update(ImmutableList<ComplaintRecord>.Builder complaints, string ticketId, Func<ComplaintRecord, ComplaintRecord> change)
    {
        var index = complaints.FindIndex(c => c.TicketId == ticketId);
        if (index >= 0)
        {
            complaints[index] = change(complaints[index]);
        }
    }
}

/// <summary>One complaint (ticket) in the customer's history.</summary>
/// <param name="ReservedBy">The fingerprint of the intake that reserved the complaint, when it was reserved at
/// intake (profiles written before it was kept have none).</param>
public sealed record ComplaintRecord(
    string TicketId,
    string OrderId,
    TicketCategory Category,
    DateTimeOffset OpenedAt,
    ComplaintStatus Status,
    DateTimeOffset? ClosedAt,
    string? ReservedBy = null)
{
    /// <summary>Whether the intake with <paramref name="intakeFingerprint"/> reserved this complaint.</summary>
    public bool IsReservedBy(string? intakeFingerprint) => intakeFingerprint is not null && ReservedBy == intakeFingerprint;
}

[JsonConverter(typeof(KebabCaseEnumConverter<ComplaintStatus>))]
public enum ComplaintStatus
{
    Open,
    Closed,
}

/// <summary>A return the warehouse received.</summary>
public sealed record ReturnRecord(string TicketId, string OrderId, DateTimeOffset ReceivedAt);

/// <summary>A warehouse inspection of a return.</summary>
public sealed record InspectionRecord(string TicketId, DateTimeOffset At, InspectionFinding Finding);
