using Npgsql;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>
/// The work queues stay index range scans with 200,000 tickets: every queue a caller can ask for (all,
/// a status, a merchant's; by deadline or newest first) reads an index in page order and stops after its
/// limit, with no sequential scan and no sort, on the first page and after a cursor (with or without a
/// deadline). A customer's queue reads the customer's few tickets by index and sorts them. The report
/// reads its range of creation times by index.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresTicketQueryPlanTests(PostgresFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await fixture.Server.CreateDatabaseAsync("queues", _timeout.Token);
        await using (var storage = TestProviders.Postgres(_database))
        {
            await storage.EnsureSchemaAsync(_timeout.Token);
        }

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(_timeout.Token);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO ticket_query (ticket_id, status, severity, category, channel, customer_id, merchant_id,
              order_id, department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at)
            SELECT 'T' || lpad(g::text, 7, '0'),
                   (ARRAY['open', 'in-progress', 'awaiting-merchant', 'resolved', 'closed'])[g % 5 + 1],
                   (ARRAY['urgent', 'serious', 'normal'])[g % 3 + 1], 'product-quality', 'web-form',
                   'C' || (g % 50000), 'M' || (g % 500), NULL, NULL, 'agent-' || (g % 40), g % 3,
                   CASE WHEN g % 5 >= 3 THEN NULL ELSE timestamptz '2026-11-01' + (g % 9973) * interval '1 minute' END,
                   timestamptz '2026-11-01' + g * interval '10 seconds', now(), NULL
            FROM generate_series(1, 200000) AS g;
            ANALYZE ticket_query;
            """,
            connection);
        command.CommandTimeout = 170;
        await command.ExecuteNonQueryAsync(_timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }

    public void Dispose() => _timeout.Dispose();

    // One test: filling the table is the expensive part.
    [Fact]
    public async Task QueueQueries_LargeTable_IndexScansInPageOrder()
    {
        var dated = new TicketCursor(TicketSort.Deadline, T0.AddHours(30), "T0100000");
        var undated = new TicketCursor(TicketSort.Deadline, null, "T0100000");
        var created = new TicketCursor(TicketSort.Created, T0.AddDays(20), "T0172800");
        var all = new TicketQuery();
        var merchant = new TicketQuery { MerchantId = "M7" };
        var customer = new TicketQuery { CustomerId = "C42" };
        var status = new TicketQuery { Status = "open" };

        await AssertPlanAsync(all, null, "ticket_query_deadline");
        await AssertPlanAsync(all, dated, "ticket_query_deadline");
        await AssertPlanAsync(all, undated, "ticket_query_deadline");
        await AssertPlanAsync(all with { DueBefore = T0.AddDays(2) }, dated, "ticket_query_deadline");
        await AssertPlanAsync(merchant, undated, "ticket_query_merchant_deadline");
        await AssertPlanAsync(merchant, null, "ticket_query_merchant_deadline");
        await AssertPlanAsync(merchant, dated, "ticket_query_merchant_deadline");
        await AssertPlanAsync(status, null, "ticket_query_status_deadline");
        await AssertPlanAsync(status, dated, "ticket_query_status_deadline");
        await AssertPlanAsync(customer, dated, "ticket_query_customer", sortsOnlyTheCustomersTickets: true);
        await AssertPlanAsync(all with { Sort = TicketSort.Created }, created, "ticket_query_created");
        await AssertPlanAsync(merchant with { Sort = TicketSort.Created }, created, "ticket_query_merchant_created");

        var report = await ExplainAsync(TicketQuerySql.CreatedBetween(PostgresTicketQueries.Dialect), [new("from", T0.AddDays(1)), new("to", T0.AddDays(2))]);
        // It reads the whole range, so an index range (plain or bitmap, then a sort) is what it should be.
        Assert.True(report.Contains(" ticket_query_created ", StringComparison.Ordinal), report);
        Assert.DoesNotContain("Seq Scan", report, StringComparison.Ordinal);
    }

    private async Task AssertPlanAsync(TicketQuery query, TicketCursor? after, string index, bool sortsOnlyTheCustomersTickets = false)
    {
        var (sql, arguments) = TicketQuerySql.Page(query, after, PostgresTicketQueries.Dialect);
        var plan = await ExplainAsync(sql, arguments);

        Assert.True(plan.Contains($"using {index} on ticket_query", StringComparison.Ordinal) || plan.Contains($"Bitmap Index Scan on {index} ", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        if (!sortsOnlyTheCustomersTickets)
        {
            Assert.DoesNotContain("Bitmap Heap Scan", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort Key", plan, StringComparison.Ordinal);
        }
    }

    private async Task<string> ExplainAsync(string sql, IEnumerable<SqlArgument> arguments)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(_timeout.Token);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        PostgresTicketQueries.AddArguments(command, arguments);
        await using var reader = await command.ExecuteReaderAsync(_timeout.Token);
        var lines = new List<string>();
        while (await reader.ReadAsync(_timeout.Token))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
