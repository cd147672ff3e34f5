namespace TicketCluster.Grains.Reports;

/// <summary>
/// The summary report over the tickets created in [<see cref="From"/>, <see cref="To"/>), as each
/// ticket's query row stands when the report is read. docs/grains.md defines every figure.
/// </summary>
/// <param name="Tickets">Tickets created in the range.</param>
/// <param name="ByCategory">Counts by category (kebab-case), ordinal key order; likewise the other
/// <c>By…</c> counts. Only values that occur are listed.</param>
/// <param name="ByOutcome">Counts by how the ticket ended (<c>FinalOutcome</c>, kebab-case: resolved,
/// answered-on-the-spot, withdrawn, return-window-lapsed, declined-customer-responsible,
/// declined-outside-policy, declined-fraud, duplicate, spam); tickets that have not ended are not counted.</param>
/// <param name="SlaCompliance">Per service-level clock kind (kebab-case) that at least one ticket met
/// or breached.</param>
/// <param name="FirstResponse">Acknowledged minus created, over the tickets acknowledged.</param>
/// <param name="Resolution">Resolved minus created, over the tickets resolved (a reopened ticket is
/// not resolved until it is resolved again).</param>
/// <param name="EscalationsByLevel">Tickets at each escalation level above 0 (levels 1 and 2 are always
/// listed).</param>
/// <param name="OpenByAssignee">The load: of the tickets in the range not yet resolved (any status but
/// resolved, closed and archived), how many each assignee holds, ordinal key order.</param>
/// <param name="OpenByDepartment">The same tickets per department they are assigned to.</param>
/// <param name="OpenUnassigned">The same tickets without an assignee.</param>
public sealed record TicketSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int Tickets,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByChannel,
    IReadOnlyDictionary<string, int> BySeverity,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByOutcome,
    IReadOnlyDictionary<string, int> ByMerchant,
    IReadOnlyDictionary<string, SlaCompliance> SlaCompliance,
    DurationSummary FirstResponse,
    DurationSummary Resolution,
    SatisfactionSummary Satisfaction,
    RepeatComplaints RepeatComplaints,
    IReadOnlyDictionary<int, int> EscalationsByLevel,
    IReadOnlyDictionary<string, int> OpenByAssignee,
    IReadOnlyDictionary<string, int> OpenByDepartment,
    int OpenUnassigned);

/// <summary>How many tickets met a clock kind and how many breached it; <see cref="Ratio"/> is the
/// share met, null when there is neither.</summary>
public readonly record struct SlaCompliance(int Met, int Breached)
{
    public double? Ratio => Met + Breached == 0 ? null : (double)Met / (Met + Breached);
}

/// <summary>Durations over <see cref="Count"/> tickets; the percentiles are nearest-rank (see
/// <see cref="Percentiles.NearestRank"/>), null when there is no ticket.</summary>
public sealed record DurationSummary(int Count, TimeSpan? Median, TimeSpan? P90);

/// <summary>Survey answers: their count, mean score, and how many gave each score 1 to 5 (all five
/// keys listed).</summary>
public sealed record SatisfactionSummary(int Responses, double? Average, IReadOnlyDictionary<int, int> Distribution);

/// <summary>Of <see cref="Tickets"/>, the <see cref="Repeats"/> whose customer had another ticket
/// created in the 30 days before; <see cref="Rate"/> is their share, null when there is no ticket.</summary>
public readonly record struct RepeatComplaints(int Repeats, int Tickets)
{
    public double? Rate => Tickets == 0 ? null : (double)Repeats / Tickets;
}
