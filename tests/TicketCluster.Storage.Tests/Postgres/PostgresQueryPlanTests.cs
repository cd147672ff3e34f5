using Npgsql;
using NpgsqlTypes;
using TicketCluster.Storage.Postgres;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>
/// The hot queries stay index scans with a million reminders, half of them due and some leased: the
/// claim reads the due-time index in order and stops after its limit, with no scan or sort of the table.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresQueryPlanTests(PostgresFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(3));
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await fixture.Server.CreateDatabaseAsync("plans", _timeout.Token);
        await using (var storage = new PostgresGrainStorage(_database))
        {
            await storage.EnsureSchemaAsync(_timeout.Token);
        }

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(_timeout.Token);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
            SELECT 'ticket', 'T' || g, 'sla', now() + (g - 500000) * interval '1 second', NULL,
                   CASE WHEN g % 1000 = 0 THEN 'node-x' END,
                   CASE WHEN g % 1000 = 0 THEN now() + interval '1 hour' END,
                   nextval('tc_fence')
            FROM generate_series(1, 1000000) AS g;
            INSERT INTO outbox (event_id, source_type, source_key, target_type, target_key, type, payload, created_at)
            SELECT gen_random_uuid(), 'ticket', 'T' || g, 'customer', 'C' || g, 'ticket-opened', '\x00', now()
            FROM generate_series(1, 100000) AS g;
            ANALYZE reminders;
            ANALYZE outbox;
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

    // One test: filling the tables is the expensive part.
    [Fact]
    public async Task ClaimQueries_LargeTables_IndexScansInClaimOrderWithoutSort()
    {
        var reminders = await ExplainAsync(PostgresClaimSql.ClaimReminders);
        var outbox = await ExplainAsync(PostgresClaimSql.ClaimOutbox);

        Assert.Contains("Index Scan using reminders_due_at on reminders", reminders, StringComparison.Ordinal);
        Assert.Contains("Index Scan using outbox_pkey on outbox", outbox, StringComparison.Ordinal);
        Assert.All([reminders, outbox], plan =>
        {
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort Key", plan, StringComparison.Ordinal);
        });
    }

    private async Task<string> ExplainAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(_timeout.Token);
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "node-1", NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 100 });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = TimeSpan.FromMinutes(1), NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(_timeout.Token);
        var lines = new List<string>();
        while (await reader.ReadAsync(_timeout.Token))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
