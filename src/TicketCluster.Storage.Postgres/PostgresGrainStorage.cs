using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

/// <summary>
/// The grain storage on PostgreSQL, the cluster's engine: every cross-node guarantee is a PostgreSQL
/// transaction. Due-ness and leases are judged by the server's <c>now()</c> (the start of the
/// statement's transaction; every statement here is its own short transaction), so node clocks do not
/// matter. See docs/storage.md.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    public PostgresGrainStorage(string connectionString, ILogger<PostgresGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = CreateDataSource(connectionString);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// The connection pool. Unless the connection string says otherwise, statements are prepared on
    /// their second use (the claim, the state read and the write are each planned once per connection
    /// instead of on every call, which cut the server's time for the batched state read tenfold), and a
    /// connection going back to the pool is not reset: this storage leaves no session state behind (no
    /// SET, no temporary tables; its advisory lock is transaction-scoped). Behind a pooler without
    /// prepared-statement support, set <c>Max Auto Prepare=0</c>.
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return builder.Build();
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchema.EnsureAsync(_dataSource, _logger, cancellationToken);

    public async Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT state, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(Text(grain.Type));
        command.Parameters.Add(Text(grain.Key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new GrainRecord(grain, reader.GetFieldValue<byte[]>(0), reader.GetInt64(1))
            : null;
    }

    public async Task<IReadOnlyDictionary<GrainId, GrainRecord>> ReadStatesAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var found = new Dictionary<GrainId, GrainRecord>();
        if (grains.Count == 0)
        {
            return found;
        }

        await using var command = _dataSource.CreateCommand(
            """
            SELECT s.grain_type, s.grain_key, s.state, s.version
            FROM unnest($1::text[], $2::text[]) AS g(grain_type, grain_key)
            JOIN grain_state s ON s.grain_type = g.grain_type AND s.grain_key = g.grain_key
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. grains.Select(g => g.Type)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. grains.Select(g => g.Key)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var grain = new GrainId(reader.GetString(0), reader.GetString(1));
            found[grain] = new GrainRecord(grain, reader.GetFieldValue<byte[]>(2), reader.GetInt64(3));
        }

        return found;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT name, due_at, period_us FROM reminders
            WHERE grain_type = $1 AND grain_key = $2
            ORDER BY name COLLATE "C"
            """);
        command.Parameters.Add(Text(grain.Type));
        command.Parameters.Add(Text(grain.Key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(grain, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), Period(reader, 2)));
        }

        return entries;
    }

    /// <summary>
    /// One implicit transaction, one round trip: an <see cref="NpgsqlBatch"/> of <c>tc_write</c> calls,
    /// each judged in its own subtransaction. The calls run in (grain type, grain key) order (stable,
    /// so two writes of one grain keep their order) so that concurrent batches lock grains in the same
    /// order and do not deadlock each other.
    /// </summary>
    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        WriteNormalizer.Validate(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        var order = Enumerable.Range(0, writes.Count)
            .OrderBy(i => writes[i].Grain.Type, StringComparer.Ordinal)
            .ThenBy(i => writes[i].Grain.Key, StringComparer.Ordinal)
            .ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var i in order)
        {
            batch.BatchCommands.Add(PostgresWriteCommand.Create(writes[i]));
        }

        var results = new WriteResult[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var n = 0; n < order.Length; n++)
        {
            if (n > 0 && !await reader.NextResultAsync(cancellationToken))
            {
                throw new InvalidOperationException("The write batch returned fewer results than writes.");
            }

            results[order[n]] = await PostgresWriteCommand.ReadResultAsync(reader, cancellationToken);
        }

        while (await reader.NextResultAsync(cancellationToken))
        {
            // Drain, so an error of the implicit transaction's commit surfaces here.
        }

        return results;
    }

    public async Task<GrainId?> FindIdempotencyOwnerAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT owner_type, owner_key FROM idempotency WHERE scope = $1 AND key = $2");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(Text(key));
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

        await using var command = _dataSource.CreateCommand("SELECT key FROM idempotency WHERE scope = $1 AND key = ANY ($2)");
        command.Parameters.Add(Text(scope));
        command.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>
    /// One statement: lock up to <paramref name="max"/> due, unleased reminders in due order, skipping
    /// rows another claimer has locked, and lease them. The fence comes from the <c>tc_fence</c>
    /// sequence, so it only grows and is never reused.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedReminder>> ClaimDueRemindersAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand(PostgresClaimSql.ClaimReminders);
        command.Parameters.Add(Text(owner));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedReminder>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedReminder(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                Period(reader, 4),
                reader.GetInt64(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        // RETURNING has no order of its own.
        claimed.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    public async Task<int> ReleaseRemindersAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        await using var command = _dataSource.CreateCommand(
            """
            UPDATE reminders SET owner = NULL, lease_until = NULL, fence = nextval('tc_fence')
            WHERE due_at <= now() AND owner = $1 AND lease_until > now()
            """);
        command.Parameters.Add(Text(owner));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> NextReminderDueAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT min(due_at) FROM reminders WHERE lease_until IS NULL OR lease_until <= now()");
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DateTime utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }

    public async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimOutboxAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand(PostgresClaimSql.ClaimOutbox);
        command.Parameters.Add(Text(owner));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedOutboxMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedOutboxMessage(
                reader.GetInt64(0),
                reader.GetInt64(1),
                new OutboxMessage(
                    reader.GetGuid(2),
                    new GrainId(reader.GetString(3), reader.GetString(4)),
                    new GrainId(reader.GetString(5), reader.GetString(6)),
                    reader.GetString(7),
                    reader.GetFieldValue<byte[]>(8),
                    reader.GetFieldValue<DateTimeOffset>(9))));
        }

        claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return claimed;
    }

    public async Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxCompletion> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Count == 0)
        {
            return 0;
        }

        await using var command = _dataSource.CreateCommand(
            """
            DELETE FROM outbox AS o
            USING unnest($1::bigint[], $2::bigint[]) AS d (seq, fence)
            WHERE o.seq = d.seq AND o.fence = d.fence
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = delivered.Select(d => d.Sequence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = delivered.Select(d => d.Fence).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM reminders),
                   (SELECT count(*) FROM reminders WHERE due_at <= now()),
                   (SELECT count(*) FROM outbox),
                   (SELECT min(created_at) FROM outbox)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StorageStatistics(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static TimeSpan? Period(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimeSpan.FromMicroseconds(reader.GetInt64(ordinal));
}
