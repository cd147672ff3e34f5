using Microsoft.Data.Sqlite;
using Npgsql;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Sqlite;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Where a reminder benchmark runs: opens the grain storage its nodes use, and seeds and counts its
/// rows with the store's own SQL (seeding a million reminders through the runtime would take longer
/// than firing them).
/// </summary>
internal abstract class ReminderBenchStore
{
    public abstract string Name { get; }

    public abstract IGrainStorage Open();

    /// <summary>Removes the rows of an earlier run.</summary>
    public abstract Task ResetAsync();

    /// <summary>The reset's SQL, the same on both databases.</summary>
    protected const string ResetSql = "DELETE FROM reminders WHERE grain_type = 'bench'; DELETE FROM grain_state WHERE grain_type = 'bench';";

    /// <summary>Inserts the reminders and returns the due time of the earliest one. The far ones (30 days
    /// ahead) go in first; keys 1..due then fall due from two seconds after their own insert, evenly over
    /// the spread, so the time spent seeding the million is not counted as the dispatcher's lateness.</summary>
    public abstract Task<DateTimeOffset> SeedAsync(int pending, int due, TimeSpan spread);

    /// <summary>Lost: due reminders whose grain never counted a firing; duplicated: grains that counted more than one.</summary>
    public abstract Task<(long Lost, long Duplicated)> CountEffectsAsync(int due);
}

/// <summary>PostgreSQL: due-ness is judged by the server's clock, so the seed uses it too.</summary>
internal sealed class PostgresReminderBenchStore(string connectionString) : ReminderBenchStore
{
    public override string Name => "PostgreSQL";

    public override IGrainStorage Open() => new PostgresGrainStorage(connectionString);

    public override Task ResetAsync() => ExecuteAsync(ResetSql);

    public override async Task<DateTimeOffset> SeedAsync(int pending, int due, TimeSpan spread)
    {
        await ExecuteAsync(
            """
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
            SELECT 'bench', i::text, 'deadline', now() + interval '30 days', NULL, NULL, NULL, nextval('tc_fence')
            FROM generate_series($2 + 1, $1) AS i
            """,
            pending,
            due);
        await ExecuteAsync(
            """
            WITH t AS (SELECT clock_timestamp() + interval '2 seconds' AS start)
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
            SELECT 'bench', i::text, 'deadline', t.start + ($2 * (i - 1) / $1) * interval '1 microsecond',
                   NULL, NULL, NULL, nextval('tc_fence')
            FROM generate_series(1, $1) AS i, t
            """,
            due,
            spread.Ticks / TimeSpan.TicksPerMicrosecond);
        await ExecuteAsync("ANALYZE reminders");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var earliest = new NpgsqlCommand("SELECT min(due_at) FROM reminders WHERE grain_type = 'bench'", connection);
        return new DateTimeOffset((DateTime)(await earliest.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    public override async Task<(long Lost, long Duplicated)> CountEffectsAsync(int due)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT
              $1 - count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int >= 1),
              count(*) FILTER (WHERE (convert_from(state, 'UTF8')::jsonb->>'fired')::int > 1)
            FROM grain_state WHERE grain_type = 'bench'
            """,
            connection);
        command.CommandTimeout = 600;
        command.Parameters.AddWithValue((long)due);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>SQLite, the embedded single-node store: due-ness is judged by the node's clock (times are
/// UTC ticks), so the seed uses the same clock.</summary>
internal sealed class SqliteReminderBenchStore : ReminderBenchStore
{
    private readonly string _file;

    private SqliteReminderBenchStore(string file) => _file = file;

    private string ConnectionString => $"Data Source={_file}";

    /// <summary>A store on <paramref name="file"/> with the schema applied.</summary>
    public static async Task<SqliteReminderBenchStore> CreateAsync(string file)
    {
        var store = new SqliteReminderBenchStore(file);
        await using var storage = store.Open();
        await storage.EnsureSchemaAsync(CancellationToken.None);
        return store;
    }

    public override string Name => "SQLite";

    public override IGrainStorage Open() => new SqliteGrainStorage(ConnectionString, TimeProvider.System);

    public override Task ResetAsync() => ExecuteAsync(ResetSql);

    public override async Task<DateTimeOffset> SeedAsync(int pending, int due, TimeSpan spread)
    {
        var far = TimeProvider.System.GetUtcNow().AddDays(30).UtcTicks;
        await ExecuteAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT $first UNION ALL SELECT i + 1 FROM n WHERE i < $last)
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ticks, owner, lease_until, fence)
            SELECT 'bench', CAST(i AS TEXT), 'deadline', $due, NULL, NULL, NULL, 0 FROM n
            """,
            ("$first", due + 1),
            ("$last", pending),
            ("$due", far));
        var start = TimeProvider.System.GetUtcNow().AddSeconds(2);
        await ExecuteAsync(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $last)
            INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ticks, owner, lease_until, fence)
            SELECT 'bench', CAST(i AS TEXT), 'deadline', $start + $spread * (i - 1) / $last, NULL, NULL, NULL, 0 FROM n
            """,
            ("$last", due),
            ("$start", start.UtcTicks),
            ("$spread", spread.Ticks));
        await ExecuteAsync("ANALYZE");
        return start;
    }

    public override async Task<(long Lost, long Duplicated)> CountEffectsAsync(int due)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT
              $due - sum(json_extract(CAST(state AS TEXT), '$.fired') >= 1),
              sum(json_extract(CAST(state AS TEXT), '$.fired') > 1)
            FROM grain_state WHERE grain_type = 'bench'
            """;
        command.Parameters.AddWithValue("$due", (long)due);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
