using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Commit;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Storage.Postgres.State;

/// <summary>
/// The Orleans grain storage (<c>Orleans.Storage.IGrainStorage</c>) on PostgreSQL: the existing
/// <c>grain_state</c> rows and JSON (compressed by the server, <c>0007_state_lz4.sql</c>), a ticket's query
/// row and new intake keys in the state's transaction, group commit as one <see cref="NpgsqlBatch"/> of
/// <c>tc_state_write</c> calls per batch in the implicit transaction (the batches of a
/// <see cref="PostgresWriteChannel"/>, which the silo's reminder table shares); concurrent activation reads share
/// one statement per batch. See docs/storage.md, "Orleans grain storage".
/// </summary>
public sealed class PostgresStateStorage : GrainStateStorage, IAsyncDisposable
{
    /// <summary>The setting that holds the connection string, named in start-up errors.</summary>
    public const string ConnectionStringSetting = "TicketCluster:Storage:ConnectionString";

    /// <summary>The sweeper's read: <c>$1</c> the time, <c>$2</c> the limit.</summary>
    internal const string OverdueSql =
        """
        SELECT ticket_id FROM (
          SELECT ticket_id, next_tick_at AS at FROM ticket_query WHERE next_tick_at < $1
          UNION ALL
          SELECT ticket_id, events_pending_since AS at FROM ticket_query WHERE events_pending_since < $1) AS due
        GROUP BY ticket_id ORDER BY min(at), ticket_id COLLATE "C" LIMIT $2
        """;

    /// <summary>The activation read of one row.</summary>
    private const string ReadSql = "SELECT state, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2";

    /// <summary>The activation reads of a batch in one statement: <c>$1</c> the grain types, <c>$2</c> the keys;
    /// a found row comes back with its 1-based position in the arrays.</summary>
    private const string ReadBatchSql =
        """
        SELECT k.i, g.state, g.version
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(grain_type, grain_key, i)
        JOIN grain_state g ON g.grain_type = k.grain_type AND g.grain_key = k.grain_key
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnectionStringBuilder _settings;
    private readonly GroupCommitQueue<(string GrainType, string GrainKey), (byte[] State, long Version)?> _reads;
    private readonly PostgresWriteChannel _writes;
    private readonly bool _ownsWrites;

    /// <param name="writes">The write channel to commit through, shared with the silo's reminder table; null: a
    /// channel of this storage's own on <paramref name="connectionString"/> with <paramref name="groupCommit"/>'s
    /// options. A given channel batches with its own options.</param>
    public PostgresStateStorage(
        string name,
        string connectionString,
        GroupCommitOptions groupCommit,
        IStateWriteProjection? projection,
        TimeProvider timeProvider,
        ILogger<PostgresStateStorage> logger,
        PostgresWriteChannel? writes = null)
        : base(name, writes?.GroupCommit ?? groupCommit, projection, timeProvider, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = PostgresConnections.CreateDataSource(connectionString);
        _settings = new NpgsqlConnectionStringBuilder(connectionString);
        _reads = new GroupCommitQueue<(string, string), (byte[], long)?>(PostgresConnections.ReadBatching(GroupCommit), ReadBatchAsync, timeProvider);
        _ownsWrites = writes is null;
        _writes = writes ?? new PostgresWriteChannel(connectionString, groupCommit, timeProvider, logger);
        _writes.Enqueued += OnWriteQueued;
        _writes.BatchStarted += OnBatchStarted;
    }

    /// <summary>Raised when a batch of activation reads leaves for the database, with its size.</summary>
    public event Action<int>? ReadBatchStarted
    {
        add => _reads.BatchStarted += value;
        remove => _reads.BatchStarted -= value;
    }

    /// <summary>The group commit defaults on PostgreSQL: two batches in flight, so one executes while the
    /// other waits for its commit to be flushed.</summary>
    public static GroupCommitOptions DefaultGroupCommit() => new() { MaxBatchesInFlight = 2 };

    /// <summary>Applies the schema. A database that cannot be opened (missing, unreachable, refused
    /// login) is an <see cref="OrleansConfigurationException"/> naming the database, its server and
    /// <see cref="ConnectionStringSetting"/>, never the password.</summary>
    public override Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        OnOpenDatabaseAsync(() => PostgresSchema.EnsureAsync(_dataSource, Logger, cancellationToken), cancellationToken);

    /// <summary>Checks that the schema is not behind this build (<see cref="PostgresSchema.CheckAsync"/>),
    /// with the same error as <see cref="EnsureSchemaAsync"/> for a database that cannot be opened.</summary>
    public override Task CheckSchemaAsync(CancellationToken cancellationToken) =>
        OnOpenDatabaseAsync(() => PostgresSchema.CheckAsync(_dataSource, cancellationToken), cancellationToken);

    private async Task OnOpenDatabaseAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw new OrleansConfigurationException(OpenFailure(exception));
        }

        await work();
    }

    /// <summary>Joins the next batch of reads (<see cref="ReadBatchAsync"/>). A cancelled caller stops waiting;
    /// the read itself still runs with its batch.</summary>
    protected override Task<(byte[] State, long Version)?> ReadRowAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        _reads.CommitAsync((grainType, grainKey)).WaitAsync(cancellationToken);

    /// <summary>
    /// The activation reads that arrived while earlier ones were in flight, in one round trip: one row alone by
    /// the primary key, more as one statement over arrays of keys (the same index lookups, one statement's
    /// overhead and one round trip for the batch). Answers in the callers' order, null where no row exists.
    /// </summary>
    private async Task<IReadOnlyList<(byte[] State, long Version)?>> ReadBatchAsync(IReadOnlyList<(string GrainType, string GrainKey)> keys)
    {
        var rows = new (byte[] State, long Version)?[keys.Count];
        if (keys.Count == 1)
        {
            await using var single = _dataSource.CreateCommand(ReadSql);
            single.Parameters.Add(Value(keys[0].GrainType, NpgsqlDbType.Text));
            single.Parameters.Add(Value(keys[0].GrainKey, NpgsqlDbType.Text));
            await using var reader = await single.ExecuteReaderAsync(CancellationToken.None);
            if (await reader.ReadAsync(CancellationToken.None))
            {
                rows[0] = (reader.GetFieldValue<byte[]>(0), reader.GetInt64(1));
            }

            return rows;
        }

        await using var command = _dataSource.CreateCommand(ReadBatchSql);
        command.Parameters.Add(Value(keys.Select(k => k.GrainType).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        command.Parameters.Add(Value(keys.Select(k => k.GrainKey).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            while (await reader.ReadAsync(CancellationToken.None))
            {
                rows[reader.GetInt64(0) - 1] = (reader.GetFieldValue<byte[]>(1), reader.GetInt64(2));
            }
        }

        return rows;
    }

    /// <summary>Joins the write channel's next batch (<see cref="PostgresWriteChannel"/>: one implicit
    /// transaction, one round trip, the state writes in (grain type, grain key) order).</summary>
    protected override async Task<StateWriteResult> CommitWriteAsync(StateWrite write) =>
        (StateWriteResult)(await _writes.WriteAsync(new ChannelWrite(ChannelWriteKind.GrainState, write.GrainType, write.GrainKey, Command(write), ReadResultAsync)))!;

    private static async Task<object?> ReadResultAsync(NpgsqlDataReader reader)
    {
        if (!await reader.ReadAsync(CancellationToken.None))
        {
            throw new InvalidOperationException("A state write of the batch returned no result.");
        }

        return Result(reader);
    }

    protected override async Task<(bool Deleted, long StoredVersion)> DeleteRowAsync(string grainType, string grainKey, long expectedVersion, string? ticketId, CancellationToken cancellationToken)
    {
        // One statement: the query row goes only with the state row it belongs to. When nothing was
        // deleted, the version is read by the statement's snapshot, for the conflict's message.
        await using var command = _dataSource.CreateCommand(
            """
            WITH deleted AS (
              DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND version = $3 RETURNING version),
            row_deleted AS (
              DELETE FROM ticket_query WHERE ticket_id = $4 AND EXISTS (SELECT 1 FROM deleted))
            SELECT EXISTS (SELECT 1 FROM deleted),
                   coalesce((SELECT version FROM grain_state WHERE grain_type = $1 AND grain_key = $2), 0)
            """);
        command.Parameters.Add(Value(grainType, NpgsqlDbType.Text));
        command.Parameters.Add(Value(grainKey, NpgsqlDbType.Text));
        command.Parameters.Add(Value(expectedVersion, NpgsqlDbType.Bigint));
        command.Parameters.Add(Value(ticketId, NpgsqlDbType.Text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetBoolean(0), reader.GetInt64(1));
    }

    protected override async Task<IReadOnlyList<string>> ReadOverdueRowsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        // One range condition per partial index, merged, rather than an "or" over two columns.
        await using var command = _dataSource.CreateCommand(OverdueSql);
        command.Parameters.Add(Value(before.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        command.Parameters.Add(Value(limit, NpgsqlDbType.Integer));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    protected override Task<TicketPage> QueryTicketRowsAsync(TicketQuery query, CancellationToken cancellationToken) =>
        PostgresTicketQueries.QueryAsync(_dataSource, query, cancellationToken);

    protected override Task<TicketQueryRow?> ReadQueryRowAsync(string ticketId, CancellationToken cancellationToken) =>
        PostgresTicketQueries.ReadRowAsync(_dataSource, ticketId, cancellationToken);

    public override IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        PostgresTicketQueries.ReadCreatedAsync(_dataSource, from, until, cancellationToken);

    protected override Task<TicketBacklog> ReadBacklogRowsAsync(string serviceId, CancellationToken cancellationToken) =>
        PostgresTicketQueries.ReadBacklogAsync(_dataSource, serviceId, cancellationToken);

    protected override Task<string?> ReadKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken) =>
        PostgresTicketQueries.FindKeyOwnerAsync(_dataSource, scope, key, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _writes.Enqueued -= OnWriteQueued;
        _writes.BatchStarted -= OnBatchStarted;
        if (_ownsWrites)
        {
            await _writes.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }

    private string OpenFailure(NpgsqlException exception)
    {
        var where = $"\"{_settings.Database}\" on {_settings.Host}:{_settings.Port}";
        return exception is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName }
            ? $"Cannot open the PostgreSQL database {where}: it does not exist ({PostgresErrorCodes.InvalidCatalogName}). Create it, or point {ConnectionStringSetting} at an existing one."
            : $"Cannot open the PostgreSQL database {where}: {exception.Message} Check {ConnectionStringSetting}.";
    }

    private static NpgsqlBatchCommand Command(StateWrite write)
    {
        var command = new NpgsqlBatchCommand(
            "SELECT o_status, o_version, o_dup_type, o_dup_key, o_key_scope, o_key FROM tc_state_write(" +
            "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, " +
            "$21, $22, $23, $24, $25, $26, $27, $28)");
        var p = command.Parameters;
        p.Add(Value(write.GrainType, NpgsqlDbType.Text));
        p.Add(Value(write.GrainKey, NpgsqlDbType.Text));
        p.Add(Value(write.ExpectedVersion, NpgsqlDbType.Bigint));
        p.Add(Value(write.State, NpgsqlDbType.Bytea));
        var keys = write.Extras?.KeysToRecord ?? [];
        p.Add(Value(keys.Select(k => k.Scope).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        p.Add(Value(keys.Select(k => k.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text));
        var t = write.Extras?.QueryRow;
        PostgresWriteCommand.AddTicketRow(p, t);
        p.Add(Value(t?.NextTickAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Value(t?.EventsPendingSince?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        return command;
    }

    private static StateWriteResult Result(NpgsqlDataReader reader)
    {
        var status = reader.GetInt32(0) switch
        {
            0 => StateWriteStatus.Committed,
            1 => StateWriteStatus.VersionConflict,
            2 => StateWriteStatus.DuplicateKey,
            var other => throw new InvalidOperationException($"tc_state_write returned the unknown status {other}."),
        };
        return status == StateWriteStatus.DuplicateKey
            ? new StateWriteResult(status, reader.GetInt64(1), reader.GetString(2), reader.GetString(3), new IdempotencyRecord(reader.GetString(4), reader.GetString(5)))
            : new StateWriteResult(status, reader.GetInt64(1));
    }

    private static NpgsqlParameter Value(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
