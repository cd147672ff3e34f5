using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The sweeper's read uses the two partial indexes, not a scan of every ticket.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresOverdueReadPlanTests(PostgresFixture fixture) : PostgresDatabaseTest(fixture, "orloverdue")
{
    [Fact]
    public async Task ReadOverdueTicketIds_TwentyThousandTickets_ReadsBothPartialIndexesWithoutSeqScan()
    {
        await using (var storage = new PostgresStateStorage(GrainStorageNames.TicketCluster, Database, new GroupCommitOptions(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance))
        {
            await storage.EnsureSchemaAsync(Ct);
        }

        await Sql.ExecuteAsync(
            Database,
            """
            INSERT INTO ticket_query (ticket_id, status, severity, category, channel, customer_id, merchant_id,
              escalation_level, created_at, updated_at, next_tick_at, events_pending_since)
            SELECT 'tk-' || i, 'open', 'normal', 'billing', 'email', 'c', 'm', 0, now(), now(),
              CASE WHEN i % 400 = 0 THEN now() - interval '1 minute' END,
              CASE WHEN i % 400 = 7 THEN now() - interval '1 hour' END
            FROM generate_series(1, 20000) AS i;
            ANALYZE ticket_query;
            """,
            Ct);

        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("EXPLAIN " + PostgresStateStorage.OverdueSql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UnixEpoch.AddYears(60) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 100 });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        Assert.Contains("ticket_query_next_tick_at", text, StringComparison.Ordinal);
        Assert.Contains("ticket_query_events_pending_since", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
    }
}

/// <summary>The SQLite sweeper read uses the two partial indexes.</summary>
public sealed class SqliteOverdueReadPlanTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tc-orl-overdue-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ReadOverdueTicketIds_Plan_SearchesBothPartialIndexes()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "node.db") }.ConnectionString;
        await using (var storage = new SqliteStateStorage(GrainStorageNames.TicketCluster, connectionString, new GroupCommitOptions(), null, TimeProvider.System, NullLogger<SqliteStateStorage>.Instance))
        {
            await storage.EnsureSchemaAsync(CancellationToken.None);
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqliteStateStorage.OverdueSql;
        command.Parameters.AddWithValue("$before", 0L);
        command.Parameters.AddWithValue("$limit", 100);
        var details = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                details.Add(reader.GetString(3));
            }
        }

        Assert.Contains(details, d => d.StartsWith("SEARCH ticket_query USING INDEX ticket_query_next_tick_at", StringComparison.Ordinal));
        Assert.Contains(details, d => d.StartsWith("SEARCH ticket_query USING INDEX ticket_query_events_pending_since", StringComparison.Ordinal));
        Assert.DoesNotContain(details, d => d.StartsWith("SCAN ticket_query", StringComparison.Ordinal));
    }
}
