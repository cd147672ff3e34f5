using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace TicketCluster.Storage.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table on the node's SQLite file: table <c>orleans_reminders</c> (schema version 5), one
/// row per (service id, grain, reminder name). Orleans publishes no SQLite reminder queries, so this is the
/// project's; it answers as the stock ADO.NET table does, which <c>ReminderTableContractTests</c> checks on
/// both. The ETag is the row's <c>etag</c> counter (1 on insert, +1 on every upsert) and a removal only
/// deletes the row carrying the ETag given. Ring ranges are read over the grain's unsigned uniform hash.
/// See docs/orleans.md, section 4.6, and docs/storage.md.
/// </summary>
/// <remarks>
/// Every call opens a pooled connection of its own; writes run in <c>BEGIN IMMEDIATE</c> (the file's write
/// lock, waited for up to the busy timeout), so they queue with the grain storage's writer in SQLite's
/// lock rather than sharing its connection. <see cref="StartAsync"/> applies the storage's schema scripts
/// (idempotent, serialized by the same lock), so the table exists whichever starts first.
/// </remarks>
public sealed class SqliteReminderTable : IReminderTable
{
    private const int BusyTimeoutMilliseconds = 30_000;
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly ILogger _logger;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming the node's database
    /// file (<c>Data Source=path</c>); the file's directory is created when missing.</param>
    /// <param name="clusterOptions">Its <see cref="ClusterOptions.ServiceId"/> keys every row: rows of
    /// another service id are never read, changed or cleared.</param>
    public SqliteReminderTable(string connectionString, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        _connectionString = SqliteFileConnectionString.Normalize(connectionString, "SQLite reminder table");
        _serviceId = clusterOptions.Value.ServiceId;
        ArgumentException.ThrowIfNullOrWhiteSpace(_serviceId, nameof(clusterOptions));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        SqliteSchema.Ensure(connection, _logger);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    // The overloads without a token are the ones Orleans' interface requires; they run without cancellation.
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain",
            ("$grain", grainId.ToString()));
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    /// <summary>The rows whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>]:
    /// <c>hash &gt; begin AND hash &lt;= end</c> when <c>begin &lt; end</c>, otherwise the range wraps past
    /// 2^32 − 1 and is <c>hash &gt; begin OR hash &lt;= end</c> (the whole ring when the two are equal).</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND {range}",
            ("$begin", (long)begin),
            ("$end", (long)end));
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken));
    }

    /// <summary>The row of (<paramref name="grainId"/>, <paramref name="reminderName"/>), or null when there is none.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name",
            ("$grain", grainId.ToString()),
            ("$name", reminderName));
        var entries = await ReadEntriesAsync(command, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    /// <summary>Inserts the row or replaces its start and period; answers the row's new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = await WriteAsync(
            """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($service, $grain, $name, $hash, $start, $period, 1)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
              SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = etag + 1
            RETURNING etag
            """,
            cancellationToken,
            ("$grain", entry.GrainId.ToString()),
            ("$name", entry.ReminderName),
            ("$hash", (long)entry.GrainId.GetUniformHashCode()),
            ("$start", UtcTicks(entry.StartAt)),
            ("$period", entry.Period.Ticks));
        return ((long)etag!).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes the row only while it still carries <paramref name="eTag"/>; answers whether it did.</summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return false; // not an ETag this table ever answered, so no row carries it
        }

        var deleted = await WriteAsync(
            """
            DELETE FROM orleans_reminders
            WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag
            RETURNING 1
            """,
            cancellationToken,
            ("$grain", grainId.ToString()),
            ("$name", reminderName),
            ("$etag", expected));
        return deleted is not null;
    }

    /// <summary>Deletes every row of this service id (tests only, as Orleans names it).</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM orleans_reminders WHERE service_id = $service", cancellationToken);

    /// <summary>Runs one statement in <c>BEGIN IMMEDIATE</c> and commits; answers its first value (null when it
    /// returned no row).</summary>
    private async Task<object?> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        var result = await command.ExecuteScalarAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }

    /// <summary>Orleans gives UTC times; a local one is converted, an unspecified one taken as UTC.</summary>
    private static long UtcTicks(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
