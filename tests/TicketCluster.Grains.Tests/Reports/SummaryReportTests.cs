using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Reports;
using TicketCluster.Grains.Tests.Orleans;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Reports;

/// <summary>
/// Tickets driven through their grains on the SQLite provider: the query rows the provider writes with
/// their states carry what the work queues and the summary report read, and the report over them has the
/// figures the process produced.
/// </summary>
public sealed class SummaryReportTests() : OrleansClusterTests
{
    private static readonly Actor Supervisor = new("sup-1", ActorRole.Supervisor);
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task SummarizeAsync_TicketsThroughTheirGrains_FiguresOfWhatHappened()
    {
        var start = Cluster.Clock.GetUtcNow();
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal, "C1", "O1");
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T2"), "T2", Severity.Urgent, "C2", "O2");
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T3"), "T3", Severity.Serious, "C1", "O3");

        // T1 and T2 answered after 30 minutes; T1 carried through to a satisfied customer.
        Cluster.Clock.Advance(TimeSpan.FromMinutes(30));
        await MustAsync("T1", new AcknowledgeTicket("We are on it.") { Actor = TestTickets.Agent });
        await MustAsync("T2", new AcknowledgeTicket("We are on it.") { Actor = TestTickets.Agent });
        await MustAsync("T1", new AssignTicket(Department.CustomerService, "agent-7") { Actor = Supervisor });
        await MustAsync("T1", new ProposeResolution(new ResolutionPlan(ResolutionKind.Apology, null)) { Actor = TestTickets.Agent });
        await MustAsync("T1", new RecordCustomerConfirmation(true, "I accept.") { Actor = new Actor("C1", ActorRole.Customer) });
        Cluster.Clock.Advance(TimeSpan.FromMinutes(90));
        await MustAsync("T1", new ResolveTicket("We apologised.") { Actor = TestTickets.Agent });
        await MustAsync("T1", new RecordSatisfaction(5, null) { Actor = new Actor("C1", ActorRole.Customer) });

        // T3 (serious: 4 h to a first response) is never answered: its deadline passes and escalates it.
        // Reconciliation decides every tick due, as the reminders or the sweeper would.
        Cluster.Clock.Advance(TimeSpan.FromHours(3));
        foreach (var id in new[] { "T1", "T2", "T3" })
        {
            await Cluster.Ticket(id).ReconcileAsync();
        }

        var t1 = (await Cluster.RowAsync("T1"))!;
        Assert.Equal(start.AddMinutes(30), t1.AcknowledgedAt);
        Assert.Equal(start.AddHours(2), t1.ResolvedAt);
        Assert.Equal(5, t1.SatisfactionScore);
        Assert.Equal("first-response,resolution,customer-confirmation", t1.ClocksMet);
        Assert.Equal("", t1.ClocksBreached);
        var t3 = (await Cluster.RowAsync("T3"))!;
        Assert.Equal(("", "first-response", 1), (t3.ClocksMet, t3.ClocksBreached, t3.EscalationLevel));

        var summary = await TicketReports.SummarizeAsync(Cluster.Queries.ReadTicketRowsCreatedAsync, start, start.AddDays(1), _ct);

        Assert.Equal(3, summary.Tickets);
        Assert.Equal(new SlaCompliance(2, 1), summary.SlaCompliance["first-response"]);
        Assert.Equal(new SlaCompliance(1, 0), summary.SlaCompliance["resolution"]);
        Assert.Equal(new DurationSummary(2, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)), summary.FirstResponse);
        Assert.Equal(new DurationSummary(1, TimeSpan.FromHours(2), TimeSpan.FromHours(2)), summary.Resolution);
        Assert.Equal(5.0, summary.Satisfaction.Average);
        Assert.Equal(new RepeatComplaints(1, 3), summary.RepeatComplaints);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 0 }, summary.EscalationsByLevel);
        Assert.Equal(new Dictionary<string, int> { ["acknowledged"] = 1, ["open"] = 1, ["resolved"] = 1 }, summary.ByStatus);

        var overdue = await Cluster.Queries.QueryTicketsAsync(new TicketQuery { CustomerId = "C1", Escalated = true, DueBefore = Cluster.Clock.GetUtcNow() }, _ct);
        Assert.Equal("T3", Assert.Single(overdue.Rows).TicketId);
        var queue = await Cluster.Queries.QueryTicketsAsync(new TicketQuery { Limit = 2 }, _ct);
        Assert.Equal(["T3", "T2"], queue.Rows.Select(r => r.TicketId));
        Assert.Equal(["T1"], (await Cluster.Queries.QueryTicketsAsync(new TicketQuery { Limit = 2, Cursor = queue.NextCursor }, _ct)).Rows.Select(r => r.TicketId));
    }

    private async Task MustAsync(string ticketId, TicketCommand command)
    {
        var outcome = await Cluster.Ticket(ticketId).ExecuteAsync(command, null, null);
        Assert.True(outcome.IsAccepted, outcome.ToString());
    }
}
