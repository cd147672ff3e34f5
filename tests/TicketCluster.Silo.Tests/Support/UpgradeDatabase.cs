using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>
/// A database as the home-made runtime left it, for the upgrade's tests: a SQLite file in a directory of
/// its own, or a PostgreSQL database. Runs the node's <c>schema apply</c> and <c>migrate</c> in this process
/// with the database's settings, seeds the runtime's <c>reminders</c> and <c>outbox</c>, and reads tables back.
/// </summary>
public sealed class UpgradeDatabase
{
    private UpgradeDatabase(bool postgres, string connectionString, Dictionary<string, string?> settings)
    {
        IsPostgres = postgres;
        ConnectionString = connectionString;
        Settings = settings;
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    /// <summary>The node's settings for this database.</summary>
    public Dictionary<string, string?> Settings { get; }

    public static UpgradeDatabase Sqlite(string dataDirectory) =>
        new(false, $"Data Source={Path.Combine(dataDirectory, "ticketcluster.db")};Pooling=false", new() { ["TicketCluster:DataDirectory"] = dataDirectory });

    public static UpgradeDatabase Postgres(string connectionString) =>
        new(true, connectionString, new()
        {
            ["TicketCluster:Storage:Kind"] = "postgres",
            ["TicketCluster:Storage:ConnectionString"] = connectionString,
            ["TicketCluster:Auth:SigningKey"] = TestSilo.SigningKey,
        });

    /// <summary>Runs <c>schema apply</c> or <c>migrate</c> as the program does, without a process.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = args[0] == "migrate"
            ? await MigrateCommand.RunAsync(args, configuration, output, error)
            : await SchemaCommand.RunAsync(args, configuration, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Rows in the runtime's <c>reminders</c> for these grains, due at <paramref name="dueAt"/>.</summary>
    public Task SeedRemindersAsync(DateTimeOffset dueAt, params (string GrainType, string GrainKey, string Name)[] rows) =>
        ExecuteAsync(string.Join(
            ";\n",
            rows.Select(r => IsPostgres
                ? $"INSERT INTO reminders (grain_type, grain_key, name, due_at, period_us, fence) VALUES ('{r.GrainType}', '{r.GrainKey}', '{r.Name}', '{dueAt.UtcDateTime:O}', NULL, nextval('tc_fence'))"
                : $"INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ticks, fence) VALUES ('{r.GrainType}', '{r.GrainKey}', '{r.Name}', {dueAt.UtcTicks}, NULL, 1)")));

    /// <summary><paramref name="count"/> messages the runtime's outbox has not relayed.</summary>
    public Task SeedOutboxAsync(int count) =>
        ExecuteAsync(string.Join(
            ";\n",
            Enumerable.Range(0, count).Select(i => IsPostgres
                ? $"INSERT INTO outbox (event_id, source_type, source_key, target_type, target_key, type, payload, created_at) VALUES (gen_random_uuid(), 'ticket', 'tk-{i}', 'webhook', 'w', 'opened', '\\x00'::bytea, now())"
                : $"INSERT INTO outbox (event_id, source_type, source_key, target_type, target_key, type, payload, created_at) VALUES ('e-{i}', 'ticket', 'tk-{i}', 'webhook', 'w', 'opened', x'00', 0)")));

    public async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync(IsPostgres
            ? $"SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'"
            : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0;

    public Task<long> CountAsync(string table) => ScalarAsync($"SELECT count(*) FROM {table}");

    /// <summary>The versions <c>schema_version</c> lists.</summary>
    public async Task<List<long>> VersionsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<long>();
        while (await reader.ReadAsync())
        {
            versions.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return versions;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
