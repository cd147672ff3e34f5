using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Storage.Sqlite.State;

/// <summary>
/// The Orleans grain storage (<c>Orleans.Storage.IGrainStorage</c>) on a SQLite file: the existing
/// <c>grain_state</c> rows and JSON, a ticket's query row and new intake keys in the state's transaction,
/// group commit on the single writer connection (<c>BEGIN IMMEDIATE</c>, a <c>SAVEPOINT</c> per write).
/// Reads use pooled connections of their own. See docs/storage.md, "Orleans grain storage".
/// </summary>
public sealed class SqliteStateStorage : GrainStateStorage, IAsyncDisposable
{
    /// <summary>The sweeper's read: <c>$before</c> in UTC ticks, <c>$limit</c>.</summary>
    internal const string OverdueSql =
        """
        SELECT ticket_id, min(at) AS due FROM (
          SELECT ticket_id, next_tick_at AS at FROM ticket_query WHERE next_tick_at < $before
          UNION ALL
          SELECT ticket_id, events_pending_since AS at FROM ticket_query WHERE events_pending_since < $before)
        GROUP BY ticket_id ORDER BY due, ticket_id LIMIT $limit
        """;

    private readonly SqliteConnections _connections;
    private readonly TimeProvider _time;
    private readonly GroupCommitQueue<StateWrite, StateWriteResult> _writes;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string (<c>Data Source=path</c>);
    /// the file's directory is created when missing.</param>
    public SqliteStateStorage(
        string name,
        string connectionString,
        GroupCommitOptions groupCommit,
        IStateWriteProjection? projection,
        TimeProvider timeProvider,
        ILogger<SqliteStateStorage> logger)
        : base(name, groupCommit, projection, timeProvider, logger)
    {
        _connections = new SqliteConnections(connectionString, "SQLite grain storage");
        _time = timeProvider;
        _writes = CreateWriteQueue(WriteBatchAsync);
    }

    /// <summary>The group commit defaults on SQLite: one batch at a time (one writer).</summary>
    public static GroupCommitOptions DefaultGroupCommit() => new() { MaxBatchesInFlight = 1 };

    public override Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        WithWriterAsync(connection => { SqliteSchema.Ensure(connection, Logger); return true; }, cancellationToken);

    protected override async Task<(byte[] State, long Version)?> ReadRowAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = SqliteCommands.Command(connection, null, "SELECT state, version FROM grain_state WHERE grain_type = $type AND grain_key = $key", ("$type", grainType), ("$key", grainKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ((byte[])reader.GetValue(0), reader.GetInt64(1)) : null;
    }

    protected override Task<StateWriteResult> CommitWriteAsync(StateWrite write) => _writes.CommitAsync(write);

    /// <summary>One batch on the writer connection, in one transaction.</summary>
    private Task<IReadOnlyList<StateWriteResult>> WriteBatchAsync(IReadOnlyList<StateWrite> writes) =>
        WithWriterAsync<IReadOnlyList<StateWriteResult>>(
            connection => SqliteStateWrites.Execute(connection, writes, SqliteTime.ToTicks(_time.GetUtcNow())),
            CancellationToken.None);

    protected override Task<(bool Deleted, long StoredVersion)> DeleteRowAsync(string grainType, string grainKey, long expectedVersion, string? ticketId, CancellationToken cancellationToken) =>
        WithWriterAsync(connection => SqliteStateWrites.Delete(connection, grainType, grainKey, expectedVersion, ticketId), cancellationToken);

    protected override async Task<IReadOnlyList<string>> ReadOverdueRowsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        // One range condition per partial index, merged, rather than an "or" over two columns.
        await using var command = SqliteCommands.Command(
            connection,
            null,
            OverdueSql,
            ("$before", SqliteTime.ToTicks(before)),
            ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    protected override async Task<TicketPage> QueryTicketRowsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.QueryAsync(connection, query, cancellationToken);
    }

    protected override async Task<TicketQueryRow?> ReadQueryRowAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.ReadRowAsync(connection, ticketId, cancellationToken);
    }

    public override async IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await foreach (var row in SqliteTicketQueries.ReadCreatedAsync(connection, from, until, cancellationToken))
        {
            yield return row;
        }
    }

    protected override async Task<TicketBacklog> ReadBacklogRowsAsync(string serviceId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.ReadBacklogAsync(connection, serviceId, _time.GetUtcNow(), cancellationToken);
    }

    protected override async Task<string?> ReadKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.FindKeyOwnerAsync(connection, scope, key, cancellationToken);
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    private Task<T> WithWriterAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _connections.WithWriterAsync(work, cancellationToken);

    private Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken) => _connections.OpenReaderAsync(cancellationToken);
}
