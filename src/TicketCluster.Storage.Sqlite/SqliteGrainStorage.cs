using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

/// <summary>
/// The embedded, single-node grain storage on SQLite (WAL). All writes go through one connection,
/// one at a time (SQLite has one writer anyway; queuing here instead of in SQLite's busy handler keeps
/// the order fair and the waits cancellable); reads use pooled connections of their own and see the
/// last committed state. Due-ness and leases are judged by the <see cref="TimeProvider"/> given: the
/// storage assumes it is the only node. See docs/storage.md.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteConnections _connections;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string (<c>Data Source=path</c>);
    /// the file's directory is created when missing.</param>
    public SqliteGrainStorage(string connectionString, TimeProvider timeProvider, ILogger<SqliteGrainStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connections = new SqliteConnections(connectionString, "SQLite grain storage");
        _time = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        WithWriterAsync(connection => SqliteSchema.Ensure(connection, _logger), cancellationToken);

    public async Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT state, version FROM grain_state WHERE grain_type = $type AND grain_key = $key", ("$type", grain.Type), ("$key", grain.Key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new GrainRecord(grain, (byte[])reader.GetValue(0), reader.GetInt64(1)) : null;
    }

    public async Task<IReadOnlyDictionary<GrainId, GrainRecord>> ReadStatesAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var found = new Dictionary<GrainId, GrainRecord>();
        if (grains.Count == 0)
        {
            return found;
        }

        // In-process: one connection and one prepared statement for the whole set is the "round trip".
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT state, version FROM grain_state WHERE grain_type = $type AND grain_key = $key", ("$type", ""), ("$key", ""));
        foreach (var grain in grains)
        {
            command.Parameters["$type"].Value = grain.Type;
            command.Parameters["$key"].Value = grain.Key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                found[grain] = new GrainRecord(grain, (byte[])reader.GetValue(0), reader.GetInt64(1));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            "SELECT name, due_at, period_ticks FROM reminders WHERE grain_type = $type AND grain_key = $key ORDER BY name",
            ("$type", grain.Type),
            ("$key", grain.Key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(grain, reader.GetString(0), SqliteTime.FromTicks(reader.GetInt64(1)), Period(reader, 2)));
        }

        return entries;
    }

    public async Task<GrainId?> FindIdempotencyOwnerAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT owner_type, owner_key FROM idempotency WHERE scope = $scope AND key = $key", ("$scope", scope), ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new GrainId(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlySet<string>> FindRecordedKeysAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT key FROM idempotency WHERE scope = $scope AND key IN (SELECT value FROM json_each($keys))", ("$scope", scope), ("$keys", System.Text.Json.JsonSerializer.Serialize(keys)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public async Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            """
            SELECT (SELECT count(*) FROM reminders),
                   (SELECT count(*) FROM reminders WHERE due_at <= $now),
                   (SELECT count(*) FROM outbox),
                   (SELECT min(created_at) FROM outbox)
            """,
            ("$now", SqliteTime.ToTicks(_time.GetUtcNow())));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StorageStatistics(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : SqliteTime.FromTicks(reader.GetInt64(3)));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private Task<T> WithWriterAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _connections.WithWriterAsync(work, cancellationToken);

    private async Task WithWriterAsync(Action<SqliteConnection> work, CancellationToken cancellationToken) =>
        await WithWriterAsync<bool>(
            connection =>
            {
                work(connection);
                return true;
            },
            cancellationToken);

    private Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken) => _connections.OpenReaderAsync(cancellationToken);

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static TimeSpan? Period(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimeSpan.FromTicks(reader.GetInt64(ordinal));
}
