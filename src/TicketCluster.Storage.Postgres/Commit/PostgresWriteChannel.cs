using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Diagnostics;

namespace TicketCluster.Storage.Postgres.Commit;

/// <summary>
/// The group commit queue of a silo's writes to one PostgreSQL database. The grain storage's state writes
/// (<c>PostgresStateStorage</c>) and the reminder table's changes (<c>PostgresReminderTable</c>) given the same
/// channel share its batches: what is queued while earlier batches are in flight leaves as one
/// <see cref="NpgsqlBatch"/> in one implicit transaction, one round trip and one commit flush for state writes and
/// reminder rows alike, where separate queues commit each kind on its own. See docs/storage.md, "One write
/// channel for state and reminders".
/// </summary>
/// <remarks>
/// The statements of a batch run in a fixed order, whatever order they were queued in: the state writes first,
/// then the reminder changes, each in (key, name) order. Two batches in flight at once therefore lock rows in one
/// order and do not deadlock each other. A database error fails every write of its batch (nothing of the batch
/// is committed) and is logged once.
/// </remarks>
public sealed class PostgresWriteChannel : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitQueue<ChannelWrite, object?> _queue;
    private readonly ILogger _logger;

    /// <param name="groupCommit">How writes are batched: the size, the wait and the batches in flight.</param>
    /// <param name="logger">Where a failed batch is logged (event 3104).</param>
    public PostgresWriteChannel(string connectionString, GroupCommitOptions groupCommit, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(groupCommit);
        GroupCommit = groupCommit;
        _logger = logger ?? NullLogger.Instance;
        _dataSource = PostgresConnections.CreateDataSource(connectionString);
        _queue = new GroupCommitQueue<ChannelWrite, object?>(groupCommit, WriteBatchAsync, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The options its batches are formed with.</summary>
    public GroupCommitOptions GroupCommit { get; }

    /// <summary>Raised after a write joined the queue, with the queue's length.</summary>
    public event Action<int>? Enqueued
    {
        add => _queue.Enqueued += value;
        remove => _queue.Enqueued -= value;
    }

    /// <summary>Raised when a batch leaves the queue for the database, with its number of writes of every kind.</summary>
    public event Action<int>? BatchStarted
    {
        add => _queue.BatchStarted += value;
        remove => _queue.BatchStarted -= value;
    }

    /// <summary>Queues <paramref name="write"/> for the next batch; answers its result once the batch committed.</summary>
    internal Task<object?> WriteAsync(ChannelWrite write) => _queue.CommitAsync(write);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<IReadOnlyList<object?>> WriteBatchAsync(IReadOnlyList<ChannelWrite> writes)
    {
        var order = Enumerable.Range(0, writes.Count)
            .OrderBy(i => writes[i].Kind)
            .ThenBy(i => writes[i].Key, StringComparer.Ordinal)
            .ThenBy(i => writes[i].Name, StringComparer.Ordinal)
            .ToArray();
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var i in order)
            {
                batch.BatchCommands.Add(writes[i].Command);
            }

            var results = new object?[writes.Count];
            await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
            for (var n = 0; n < order.Length; n++)
            {
                if (n > 0 && !await reader.NextResultAsync(CancellationToken.None))
                {
                    throw new InvalidOperationException("The write batch returned fewer results than writes.");
                }

                results[order[n]] = await writes[order[n]].ReadResultAsync(reader);
            }

            while (await reader.NextResultAsync(CancellationToken.None))
            {
                // Drain, so an error of the implicit transaction's commit surfaces here.
            }

            return results;
        }
        catch (DbException exception)
        {
            PostgresStorageLog.WriteBatchFailed(_logger, writes.Count, exception);
            throw;
        }
    }
}

/// <summary>The kinds of write a <see cref="PostgresWriteChannel"/> carries, in the order a batch runs them.</summary>
internal enum ChannelWriteKind
{
    /// <summary>A grain state write (<c>tc_state_write</c>): key the grain type, name the grain key.</summary>
    GrainState = 0,

    /// <summary>A reminder row's upsert or removal: key the grain id, name the reminder's name.</summary>
    Reminder = 1,
}

/// <summary>One write of a shared batch: its statement, where it runs in the batch, and how its result is read
/// from the statement's result set (positioned on it, before its first row).</summary>
internal sealed record ChannelWrite(ChannelWriteKind Kind, string Key, string Name, NpgsqlBatchCommand Command, Func<NpgsqlDataReader, Task<object?>> ReadResultAsync);
