using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TicketCluster.Storage.Commit;

namespace TicketCluster.Storage.Providers;

/// <summary>
/// What the SQLite and PostgreSQL grain storage providers share: the ETag rules, the JSON, the
/// projection of the write's extras, group commit, the mapping of outcomes to Orleans' exceptions, and
/// the schema applied as a silo lifecycle participant. A database supplies the row read, the batch
/// write, the delete and the schema. See docs/storage.md, "Orleans grain storage".
/// </summary>
/// <remarks>
/// The row of a grain is <c>grain_state (GrainId.Type, GrainId.Key)</c>, so <c>ticket/tk-1</c> is
/// <c>('ticket', 'tk-1')</c>, as rows written before the move to Orleans are keyed. The ETag is the row's version as a decimal
/// string, null when there is no row.
/// </remarks>
public abstract partial class GrainStateStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, ITicketQueries, IIntakeKeyLookup, ITicketSweepSource
{
    private readonly string _name;
    private readonly IStateWriteProjection? _projection;
    private readonly TimeProvider _timeProvider;

    protected GrainStateStorage(string name, GroupCommitOptions groupCommit, IStateWriteProjection? projection, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(logger);
        _name = name;
        _projection = projection;
        GroupCommit = groupCommit;
        Logger = logger;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Raised after a write joined the group commit queue, with the queue's length; lets
    /// tests line up a batch without sleeping.</summary>
    internal event Action<int>? WriteQueued;

    /// <summary>Raised when a batch of writes leaves the queue for the database, with its size.</summary>
    internal event Action<int>? BatchStarted;

    protected ILogger Logger { get; }

    /// <summary>The group commit options the provider writes with.</summary>
    public GroupCommitOptions GroupCommit { get; }

    /// <summary>Whether the silo's start applies the schema (the default) or only checks that the
    /// database is not behind (<see cref="CheckSchemaAsync"/>): a deployment that applies it with
    /// <c>schema apply</c> first.</summary>
    public bool ApplySchemaOnStart { get; init; } = true;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Reads the stored state and its version; no row leaves the state as it is, ETag null. A grain the
    /// request context names as new (<see cref="NewGrainHint"/>) is answered "no row" without a read.</summary>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (NewGrainHint.Covers(grainId))
        {
            // The caller drew this id for a grain it is creating: no row to read (a wrong word is refused
            // by the first write's version check, NewGrainHint).
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var row = await Guard(() => ReadRowAsync(grainId.Type.ToString()!, grainId.Key.ToString()!, cancellationToken));
        if (row is not { } found)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(found.State, GrainStateJson.Options)!;
        grainState.ETag = ETag(found.Version);
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Commits the state where the stored version is the ETag's, with its extras in the same
    /// transaction. A submitted write is committed or refused as a whole even when
    /// <paramref name="cancellationToken"/> is cancelled meanwhile: its grain must learn which.</summary>
    /// <exception cref="InconsistentStateException">The stored version is not the ETag's.</exception>
    /// <exception cref="DuplicateIntakeKeyException">A key of the write belongs to another grain.</exception>
    /// <exception cref="StorageUnavailableException">The database failed the write's batch.</exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = ExpectedVersion(grainState.ETag);
        var extras = grainState.State is { } value ? _projection?.Project(grainId, value, expected) : null;
        StateWriteResult result;
        using (var state = PooledStateBuffer.Serialize(grainState.State))
        {
            result = await Guard(() => CommitWriteAsync(new StateWrite(grainId.Type.ToString()!, grainId.Key.ToString()!, expected, state.Written, extras)));
        }

        switch (result.Status)
        {
            case StateWriteStatus.Committed:
                grainState.ETag = ETag(result.Version);
                grainState.RecordExists = true;
                return;
            case StateWriteStatus.VersionConflict:
                throw Conflict(grainId, result.Version, grainState.ETag);
            case StateWriteStatus.DuplicateKey:
                var key = result.DuplicateKey!;
                throw new DuplicateIntakeKeyException(key.Scope, key.Key, $"{result.OwnerType}/{result.OwnerKey}");
            default:
                throw new InvalidOperationException($"Unknown write status {result.Status}.");
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Deletes the row where its version is the ETag's, and the ticket's query row with it
    /// (the one the projection names for the state). Nothing to delete when the ETag is null and there
    /// is no row.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var expected = ExpectedVersion(grainState.ETag);
        var type = grainId.Type.ToString()!;
        var key = grainId.Key.ToString()!;
        var ticketId = grainState.State is { } value ? _projection?.Project(grainId, value, expected)?.QueryRow.TicketId : null;
        var (deleted, stored) = await Guard(() => DeleteRowAsync(type, key, expected, ticketId, cancellationToken));
        if (!deleted && !(expected == 0 && stored == 0))
        {
            throw Conflict(grainId, stored, grainState.ETag);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>Tickets whose next SLA tick or oldest unacknowledged event is before
    /// <paramref name="before"/>, most overdue first, for the sweeper. Served by the partial indexes on
    /// <c>ticket_query.next_tick_at</c> and <c>events_pending_since</c>.</summary>
    public async Task<IReadOnlyList<string>> ReadOverdueTicketIdsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await Guard(() => ReadOverdueRowsAsync(before, limit, cancellationToken));
    }

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        // First of all: Orleans' own storage, membership and reminders start later and may read tables
        // this schema creates.
        lifecycle.Subscribe($"{GetType().Name}-{_name}", ServiceLifecycleStage.First, ApplySchemaOnStart ? EnsureSchemaAsync : CheckSchemaAsync, _ => Task.CompletedTask);
    }

    /// <summary>Applies the database's schema scripts not yet applied.</summary>
    public abstract Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Stops the start (an <see cref="OrleansConfigurationException"/>) when the database lacks a
    /// script this build needs; one ahead is accepted. A database that does not support checking alone
    /// (SQLite: one node, which always applies) applies instead.</summary>
    public virtual Task CheckSchemaAsync(CancellationToken cancellationToken) => EnsureSchemaAsync(cancellationToken);

    /// <summary>The stored state and version, or null when there is no row.</summary>
    protected abstract Task<(byte[] State, long Version)?> ReadRowAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>Commits one write with the others of its group commit batch, in one transaction, the write
    /// checked on its own; answers once the batch committed. A database error throws (and commits nothing of
    /// the batch). A database whose batches are this storage's alone builds its queue with
    /// <see cref="CreateWriteQueue"/>.</summary>
    protected abstract Task<StateWriteResult> CommitWriteAsync(StateWrite write);

    /// <summary>A group commit queue of state writes with <see cref="GroupCommit"/>'s options over
    /// <paramref name="writeBatch"/> (one transaction per batch, one result per write in the batch's order), its
    /// events raised as this storage's and a failed batch logged once.</summary>
    protected GroupCommitQueue<StateWrite, StateWriteResult> CreateWriteQueue(Func<IReadOnlyList<StateWrite>, Task<IReadOnlyList<StateWriteResult>>> writeBatch)
    {
        ArgumentNullException.ThrowIfNull(writeBatch);
        var queue = new GroupCommitQueue<StateWrite, StateWriteResult>(
            GroupCommit,
            async writes =>
            {
                try
                {
                    return await writeBatch(writes);
                }
                catch (DbException exception)
                {
                    StateStorageLog.BatchFailed(Logger, writes.Count, exception);
                    throw;
                }
            },
            _timeProvider);
        queue.Enqueued += OnWriteQueued;
        queue.BatchStarted += OnBatchStarted;
        return queue;
    }

    /// <summary>Raises <see cref="WriteQueued"/>: a write joined the queue, which now holds <paramref name="queued"/>.</summary>
    protected void OnWriteQueued(int queued) => WriteQueued?.Invoke(queued);

    /// <summary>Raises <see cref="BatchStarted"/>: a batch of <paramref name="size"/> writes left for the database.</summary>
    protected void OnBatchStarted(int size) => BatchStarted?.Invoke(size);

    /// <summary>Deletes the row where its version is <paramref name="expectedVersion"/> and, when it
    /// did, the query row of <paramref name="ticketId"/>, in one transaction; answers whether it deleted
    /// and the version stored (0: no row).</summary>
    protected abstract Task<(bool Deleted, long StoredVersion)> DeleteRowAsync(string grainType, string grainKey, long expectedVersion, string? ticketId, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<string>> ReadOverdueRowsAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    private static async Task<TResult> Guard<TResult>(Func<Task<TResult>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException exception)
        {
            throw StorageUnavailableException.From(exception);
        }
    }

    private static long ExpectedVersion(string? etag)
    {
        if (etag is null)
        {
            return 0;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new InconsistentStateException($"The ETag '{etag}' is not a row version of this storage.", "", etag);
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(GrainId grainId, long storedVersion, string? currentETag) =>
        new(
            $"The state of {grainId} is at version {storedVersion}, not at the ETag's ({currentETag ?? "no row"}).",
            storedVersion == 0 ? null : ETag(storedVersion),
            currentETag);
}

/// <summary>The name the grains give the project's grain storage:
/// <c>[PersistentState(stateName, GrainStorageNames.TicketCluster)]</c>.</summary>
public static class GrainStorageNames
{
    public const string TicketCluster = "ticketcluster";
}
