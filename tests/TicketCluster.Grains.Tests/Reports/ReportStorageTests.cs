using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Reports;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Testing;
using TicketCluster.Testing.Postgres;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Reports;

/// <summary>
/// Tickets driven through their grains on a real database: the query rows they write carry what the
/// work queues and the summary report read, and the report over them has the figures the process
/// produced.
/// </summary>
public abstract class ReportStorageTests
{
    private static readonly Actor Supervisor = new("sup-1", ActorRole.Supervisor);
    private readonly CancellationToken _ct = CancellationToken.None;

    protected abstract Task<IGrainStorage> OpenAsync(TimeProvider clock);

    /// <summary>The clock of the grains. Where the database judges due-ness by its own clock, the test
    /// starts its story five hours before that clock's now, so the reminders due by then fire.</summary>
    protected virtual ManualTimeProvider CreateClock() => new();

    [Fact]
    public async Task SummarizeAsync_TicketsThroughTheirGrains_FiguresOfWhatHappened()
    {
        var clock = CreateClock();
        await using var h = new GrainHarness(await OpenAsync(clock), clock);
        await h.Storage.EnsureSchemaAsync(_ct);
        var start = h.Now;
        await h.OpenAsync("T1", Severity.Normal, "C1", "O1");
        await h.OpenAsync("T2", Severity.Urgent, "C2", "O2");
        await h.OpenAsync("T3", Severity.Serious, "C1", "O3");

        // T1 and T2 answered after 30 minutes; T1 carried through to a satisfied customer.
        clock.Advance(TimeSpan.FromMinutes(30));
        await MustAsync(h, "T1", new AcknowledgeTicket("We are on it.") { Actor = GrainHarness.Agent });
        await MustAsync(h, "T2", new AcknowledgeTicket("We are on it.") { Actor = GrainHarness.Agent });
        await MustAsync(h, "T1", new AssignTicket(Department.CustomerService, "agent-7") { Actor = Supervisor });
        await MustAsync(h, "T1", new ProposeResolution(new ResolutionPlan(ResolutionKind.Apology, null)) { Actor = GrainHarness.Agent });
        await MustAsync(h, "T1", new RecordCustomerConfirmation(true, "I accept.") { Actor = new Actor("C1", ActorRole.Customer) });
        clock.Advance(TimeSpan.FromMinutes(90));
        await MustAsync(h, "T1", new ResolveTicket("We apologised.") { Actor = GrainHarness.Agent });
        await MustAsync(h, "T1", new RecordSatisfaction(5, null) { Actor = new Actor("C1", ActorRole.Customer) });

        // T3 (serious: 4 h to a first response) is never answered: its deadline passes and escalates it.
        clock.Advance(TimeSpan.FromHours(3));
        while (await h.Runtime.RunReminderRoundAsync(_ct) > 0)
        {
        }

        var t1 = (await h.Storage.ReadTicketRowAsync("T1", _ct))!;
        Assert.Equal(start.AddMinutes(30), t1.AcknowledgedAt);
        Assert.Equal(start.AddHours(2), t1.ResolvedAt);
        Assert.Equal(5, t1.SatisfactionScore);
        Assert.Equal("first-response,resolution,customer-confirmation", t1.ClocksMet);
        Assert.Equal("", t1.ClocksBreached);
        var t3 = (await h.Storage.ReadTicketRowAsync("T3", _ct))!;
        Assert.Equal(("", "first-response", 1), (t3.ClocksMet, t3.ClocksBreached, t3.EscalationLevel));

        var summary = await TicketReports.SummarizeAsync(h.Storage.ReadTicketRowsCreatedAsync, start, start.AddDays(1), _ct);

        Assert.Equal(3, summary.Tickets);
        Assert.Equal(new SlaCompliance(2, 1), summary.SlaCompliance["first-response"]);
        Assert.Equal(new SlaCompliance(1, 0), summary.SlaCompliance["resolution"]);
        Assert.Equal(new DurationSummary(2, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)), summary.FirstResponse);
        Assert.Equal(new DurationSummary(1, TimeSpan.FromHours(2), TimeSpan.FromHours(2)), summary.Resolution);
        Assert.Equal(5.0, summary.Satisfaction.Average);
        Assert.Equal(new RepeatComplaints(1, 3), summary.RepeatComplaints);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 0 }, summary.EscalationsByLevel);
        Assert.Equal(new Dictionary<string, int> { ["acknowledged"] = 1, ["open"] = 1, ["resolved"] = 1 }, summary.ByStatus);

        var overdue = await h.Storage.QueryTicketsAsync(new TicketQuery { CustomerId = "C1", Escalated = true, DueBefore = h.Now }, _ct);
        Assert.Equal("T3", Assert.Single(overdue.Rows).TicketId);
        var queue = await h.Storage.QueryTicketsAsync(new TicketQuery { Limit = 2 }, _ct);
        Assert.Equal(["T3", "T2"], queue.Rows.Select(r => r.TicketId));
        Assert.Equal(["T1"], (await h.Storage.QueryTicketsAsync(new TicketQuery { Limit = 2, Cursor = queue.NextCursor }, _ct)).Rows.Select(r => r.TicketId));
    }

    private static async Task MustAsync(GrainHarness h, string ticketId, TicketCommand command)
    {
        var outcome = await h.SendAsync(ticketId, command);
        Assert.True(outcome.IsAccepted, outcome.ToString());
    }
}

public sealed class SqliteReportStorageTests : ReportStorageTests, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tc-report");

    protected override Task<IGrainStorage> OpenAsync(TimeProvider clock) =>
        Task.FromResult<IGrainStorage>(new SqliteGrainStorage($"Data Source={Path.Combine(_directory.FullName, "tickets.db")}", clock));

    public void Dispose() => _directory.Delete(recursive: true);
}

[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresReportStorageTests(PostgresFixture fixture) : ReportStorageTests, IAsyncLifetime
{
    private string _database = "";

    protected override ManualTimeProvider CreateClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new ManualTimeProvider(new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddHours(-5));
    }

    protected override async Task<IGrainStorage> OpenAsync(TimeProvider clock)
    {
        _database = await fixture.Server.CreateDatabaseAsync("report");
        return new PostgresGrainStorage(_database);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
}
