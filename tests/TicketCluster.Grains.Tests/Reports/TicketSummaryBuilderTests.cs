using TicketCluster.Grains.Reports;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Reports;

/// <summary>The summary of six hand-made tickets (and two earlier ones that only make repeats), every
/// figure computed by hand in the comments.</summary>
public sealed class TicketSummaryBuilderTests
{
    private static readonly DateTimeOffset D = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = D.AddDays(7);

    private static TicketQueryRow Row(string id, string customer, DateTimeOffset created) =>
        new(id, "open", "normal", "product-quality", "app", customer, "M1", null, null, null, 0, null, created, created, null);

    /// <summary>In (created, id) order, as storage streams them.</summary>
    private static IEnumerable<TicketQueryRow> Rows() =>
    [
        // Before the range: only tell whether later tickets are repeats. "price" must not be counted.
        Row("L0", "C4", D.AddDays(-30)) with { Category = "price" },
        Row("L1", "C1", D.AddDays(-10)) with { Category = "price", SatisfactionScore = 1, ClocksBreached = "resolution" },
        Row("R1", "C1", D) with
        {
            Status = "closed", AcknowledgedAt = D.AddMinutes(30), ResolvedAt = D.AddHours(10), SatisfactionScore = 5,
            ClocksMet = "first-response,resolution",
        },
        Row("R6", "C4", D) with { MerchantId = "M2" },
        Row("R2", "C2", D.AddHours(1)) with
        {
            Status = "resolved", Severity = "urgent", Category = "logistics", Channel = "hotline", MerchantId = "M2",
            AcknowledgedAt = D.AddHours(3), ResolvedAt = D.AddHours(31), SatisfactionScore = 3, EscalationLevel = 1,
            ClocksMet = "first-response", ClocksBreached = "resolution",
        },
        Row("R3", "C1", D.AddHours(2)) with
        {
            Status = "in-progress", Severity = "serious", AcknowledgedAt = D.AddHours(3), EscalationLevel = 2,
            ClocksBreached = "first-response",
        },
        Row("R4", "C3", D.AddHours(3)) with { Channel = "web-form", EscalationLevel = 1 },
        Row("R5", "C3", D.AddDays(5)) with
        {
            Status = "closed", Category = "invoice", MerchantId = "M3", AcknowledgedAt = D.AddDays(5).AddHours(4),
            ResolvedAt = D.AddDays(5).AddHours(50), SatisfactionScore = 4, ClocksMet = "first-response",
        },
    ];

    private static TicketSummary Summarize(IEnumerable<TicketQueryRow> rows)
    {
        var builder = new TicketSummaryBuilder(D, End);
        foreach (var row in rows)
        {
            builder.Add(row);
        }

        return builder.Build();
    }

    [Fact]
    public void Build_SixTickets_CountsByEachDimension()
    {
        var summary = Summarize(Rows());

        Assert.Equal((D, End, 6), (summary.From, summary.To, summary.Tickets));
        Assert.Equal(new Dictionary<string, int> { ["invoice"] = 1, ["logistics"] = 1, ["product-quality"] = 4 }, summary.ByCategory);
        Assert.Equal(new Dictionary<string, int> { ["app"] = 4, ["hotline"] = 1, ["web-form"] = 1 }, summary.ByChannel);
        Assert.Equal(new Dictionary<string, int> { ["normal"] = 4, ["serious"] = 1, ["urgent"] = 1 }, summary.BySeverity);
        Assert.Equal(new Dictionary<string, int> { ["closed"] = 2, ["in-progress"] = 1, ["open"] = 2, ["resolved"] = 1 }, summary.ByStatus);
        Assert.Equal(new Dictionary<string, int> { ["M1"] = 3, ["M2"] = 2, ["M3"] = 1 }, summary.ByMerchant);
        Assert.Equal(["invoice", "logistics", "product-quality"], summary.ByCategory.Keys);
    }

    [Fact]
    public void Build_TicketsAssignedOrNot_OpenLoadPerAssigneeAndDepartmentFinishedLeftOut()
    {
        var summary = Summarize(
        [
            // Before the range: not counted.
            Row("A0", "C9", D.AddDays(-1)) with { Assignee = "alice", Department = "customer-service" },
            Row("A1", "C1", D) with { Status = "in-progress", Assignee = "alice", Department = "customer-service" },
            Row("A2", "C2", D) with { Status = "awaiting-merchant", Assignee = "alice", Department = "customer-service" },
            Row("A3", "C3", D) with { Status = "acknowledged", Assignee = "bob", Department = "warehouse-logistics" },
            Row("A4", "C4", D) with { Status = "resolved", Assignee = "bob", Department = "warehouse-logistics" },
            Row("A5", "C5", D) with { Status = "closed", Assignee = "carol", Department = "product-quality" },
            Row("A6", "C6", D) with { Status = "archived", Assignee = "carol", Department = "product-quality" },
            Row("A7", "C7", D),
            Row("A8", "C8", D) with { Status = "resolved" },
        ]);

        Assert.Equal(new Dictionary<string, int> { ["alice"] = 2, ["bob"] = 1 }, summary.OpenByAssignee);
        Assert.Equal(new Dictionary<string, int> { ["customer-service"] = 2, ["warehouse-logistics"] = 1 }, summary.OpenByDepartment);
        Assert.Equal(1, summary.OpenUnassigned);
    }

    [Fact]
    public void Build_TicketsEndedEachWay_CountedByOutcomeNotEndedLeftOut()
    {
        var summary = Summarize(
        [
            Row("L0", "C9", D.AddDays(-1)) with { Status = "closed", Outcome = "spam" },
            Row("O1", "C1", D) with { Status = "closed", Outcome = "answered-on-the-spot" },
            Row("O2", "C2", D) with { Status = "resolved", Outcome = "answered-on-the-spot" },
            Row("O3", "C3", D) with { Status = "closed", Outcome = "declined-fraud" },
            Row("O4", "C4", D) with { Status = "closed", Outcome = "declined-outside-policy" },
            Row("O5", "C5", D) with { Status = "archived", Outcome = "duplicate" },
            Row("O6", "C6", D) with { Status = "closed", Outcome = "spam" },
            Row("O7", "C7", D) with { Status = "closed", Outcome = "resolved" },
            Row("O8", "C8", D) with { Status = "in-progress" },
        ]);

        Assert.Equal(8, summary.Tickets);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["answered-on-the-spot"] = 2, ["declined-fraud"] = 1, ["declined-outside-policy"] = 1, ["duplicate"] = 1, ["resolved"] = 1, ["spam"] = 1,
            },
            summary.ByOutcome);
    }

    [Fact]
    public void Build_SixTickets_SlaComplianceMetOverMetPlusBreached()
    {
        var summary = Summarize(Rows());

        // first response: met R1, R2, R5; breached R3 → 3 / 4. Resolution: met R1; breached R2 → 1 / 2.
        Assert.Equal(new SlaCompliance(3, 1), summary.SlaCompliance["first-response"]);
        Assert.Equal(0.75, summary.SlaCompliance["first-response"].Ratio);
        Assert.Equal(new SlaCompliance(1, 1), summary.SlaCompliance["resolution"]);
        Assert.Equal(0.5, summary.SlaCompliance["resolution"].Ratio);
        Assert.Equal(2, summary.SlaCompliance.Count);
    }

    [Fact]
    public void Build_SixTickets_NearestRankMedianAndP90OfDurations()
    {
        var summary = Summarize(Rows());

        // First responses 30 min (R1), 2 h (R2), 1 h (R3), 4 h (R5) → sorted 30m 1h 2h 4h:
        // median rank ⌈0.5 × 4⌉ = 2 → 1 h; p90 rank ⌈0.9 × 4⌉ = 4 → 4 h.
        Assert.Equal(new DurationSummary(4, TimeSpan.FromHours(1), TimeSpan.FromHours(4)), summary.FirstResponse);

        // Resolutions 10 h (R1), 30 h (R2), 50 h (R5): median rank 2 → 30 h; p90 rank ⌈2.7⌉ = 3 → 50 h.
        Assert.Equal(new DurationSummary(3, TimeSpan.FromHours(30), TimeSpan.FromHours(50)), summary.Resolution);
    }

    [Fact]
    public void Build_SixTickets_SatisfactionAverageAndDistribution()
    {
        var summary = Summarize(Rows());

        // Scores 5, 3, 4 (L1's 1 is before the range) → mean 4.
        Assert.Equal(3, summary.Satisfaction.Responses);
        Assert.Equal(4.0, summary.Satisfaction.Average);
        Assert.Equal(new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 1, [4] = 1, [5] = 1 }, summary.Satisfaction.Distribution);
    }

    [Fact]
    public void Build_SixTickets_RepeatsWithinThirtyDaysIncludingTicketsBeforeTheRange()
    {
        var summary = Summarize(Rows());

        // R1: C1 had L1 10 days before. R6: C4 had L0 exactly 30 days before (inclusive). R3: C1 had R1
        // 2 h before. R5: C3 had R4 4 d 21 h before. R2 (C2) and R4 (C3's first) are not.
        Assert.Equal(new RepeatComplaints(4, 6), summary.RepeatComplaints);
        Assert.Equal(4.0 / 6, summary.RepeatComplaints.Rate);
    }

    [Fact]
    public void Build_SixTickets_EscalationsByLevel()
    {
        var summary = Summarize(Rows());

        Assert.Equal(new Dictionary<int, int> { [1] = 2, [2] = 1 }, summary.EscalationsByLevel);
    }

    [Fact]
    public void Build_PreviousTicketJustOverThirtyDaysBefore_NotARepeat()
    {
        var summary = Summarize([Row("A", "C1", D.AddDays(-30)), Row("B", "C1", D.AddDays(0).AddTicks(1))]);

        Assert.Equal(new RepeatComplaints(0, 1), summary.RepeatComplaints);
    }

    [Fact]
    public void Build_NoTickets_EmptyCountsAndNullFigures()
    {
        var summary = Summarize([]);

        Assert.Equal(0, summary.Tickets);
        Assert.Empty(summary.ByCategory);
        Assert.Empty(summary.SlaCompliance);
        Assert.Equal(new DurationSummary(0, null, null), summary.FirstResponse);
        Assert.Equal(new DurationSummary(0, null, null), summary.Resolution);
        Assert.Null(summary.Satisfaction.Average);
        Assert.All(summary.Satisfaction.Distribution.Values, n => Assert.Equal(0, n));
        Assert.Null(summary.RepeatComplaints.Rate);
        Assert.Equal(new Dictionary<int, int> { [1] = 0, [2] = 0 }, summary.EscalationsByLevel);
    }

    [Fact]
    public void Add_RowOutOfOrder_Throws()
    {
        var builder = new TicketSummaryBuilder(D, End);
        builder.Add(Row("B", "C1", D.AddHours(1)));

        Assert.Throws<ArgumentException>(() => builder.Add(Row("A", "C2", D)));
        Assert.Throws<ArgumentException>(() => builder.Add(Row("A", "C2", D.AddHours(1))));
    }

    [Fact]
    public void Add_RowOutsideTheReadRange_Throws()
    {
        var builder = new TicketSummaryBuilder(D, End);

        Assert.Equal(D.AddDays(-30), builder.ReadFrom);
        Assert.Throws<ArgumentException>(() => builder.Add(Row("A", "C1", D.AddDays(-30).AddTicks(-1))));
        Assert.Throws<ArgumentException>(() => builder.Add(Row("Z", "C1", End)));
    }

    [Fact]
    public void Constructor_EmptyRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketSummaryBuilder(D, D));
    }
}
