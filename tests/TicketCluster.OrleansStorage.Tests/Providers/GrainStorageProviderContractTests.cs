using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using System.Text.Json;
using TicketCluster.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Providers;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>
/// The contract of the Orleans grain storage providers (<see cref="GrainStateStorage"/>), one suite run
/// on SQLite and on PostgreSQL: ETag rules, the state's JSON, the ticket's query row and keys in the
/// state's transaction, a refused write of a batch alone, a database error failing its batch, restart.
/// </summary>
public abstract class GrainStorageProviderContractTests : IAsyncLifetime, IDisposable
{
    private const string StateName = "s";
    private static readonly GrainId Ticket = GrainId.Create("ticket", "tk-1");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly List<GrainStateStorage> _storages = [];

    protected CancellationToken Ct => _timeout.Token;

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await ((IAsyncDisposable)storage).DisposeAsync();
        }
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new provider instance on the test's database (a restart when one existed before).</summary>
    protected abstract GrainStateStorage NewStorage(IStateWriteProjection? projection, GroupCommitOptions groupCommit);

    /// <summary>The first column of the first row of <paramref name="sql"/>, on a connection of its own.</summary>
    protected abstract Task<object?> ScalarAsync(string sql);

    /// <summary>Holds the database's write lock on <c>grain_state</c> from another connection until
    /// disposed; then runs <paramref name="sqlBeforeRelease"/> in that transaction and commits it, or
    /// rolls back when none is given.</summary>
    protected abstract Task<IAsyncDisposable> HoldStateWritesAsync(string? sqlBeforeRelease = null);

    /// <summary>Stores <paramref name="state"/> as version 1 of the grain with SQL of its own, as a row written
    /// before the move to Orleans.</summary>
    protected abstract Task InsertStateRowAsync(string grainType, string grainKey, byte[] state);

    [Fact]
    public async Task ReadStateAsync_NoRow_ETagNullAndRecordMissing()
    {
        var storage = await CreateAsync();
        var state = new GrainState<ProbeState>(new ProbeState());

        await storage.ReadStateAsync(StateName, Ticket, state, Ct);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WriteStateAsync_TwiceThenReadByFreshProvider_StateAndVersionRestored()
    {
        var first = await CreateAsync();
        var written = new GrainState<ProbeState>(new ProbeState { Note = "Lieferung fehlt — 包裹丢失" });
        await first.WriteStateAsync(StateName, Ticket, written, Ct);
        Assert.Equal(("1", true), (written.ETag, written.RecordExists));
        written.State = written.State! with { Status = "closed" };
        await first.WriteStateAsync(StateName, Ticket, written, Ct);

        var restarted = await CreateAsync();
        var read = new GrainState<ProbeState>(new ProbeState());
        await restarted.ReadStateAsync(StateName, Ticket, read, Ct);

        Assert.Equal(("2", true), (read.ETag, read.RecordExists));
        Assert.Equal(("closed", "Lieferung fehlt — 包裹丢失"), (read.State!.Status, read.State!.Note));
        var stored = (byte[])(await ScalarAsync("SELECT state FROM grain_state WHERE grain_type = 'ticket' AND grain_key = 'tk-1'"))!;
        Assert.Equal("closed", JsonSerializer.Deserialize<ProbeState>(stored, GrainStateJson.Options)!.Status);
        Assert.True(stored.AsSpan().IndexOf("包裹丢失"u8) >= 0, "text outside ASCII is stored as it is");
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentStateAndNothingChanged()
    {
        var storage = await CreateAsync();
        var current = new GrainState<ProbeState>(new ProbeState());
        await storage.WriteStateAsync(StateName, Ticket, current, Ct);
        current.State = current.State! with { Status = "waiting" };
        await storage.WriteStateAsync(StateName, Ticket, current, Ct);

        var stale = new GrainState<ProbeState>(new ProbeState { Status = "stale" }) { ETag = "1" };
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Ticket, stale, Ct));
        var absent = new GrainState<ProbeState>(new ProbeState { Status = "stale" });
        var creating = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Ticket, absent, Ct));

        Assert.Equal(("2", "1"), (error.StoredEtag, error.CurrentEtag));
        Assert.Equal(("2", null), (creating.StoredEtag, creating.CurrentEtag));
        Assert.Equal("1", stale.ETag);
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, Ticket, read, Ct);
        Assert.Equal(("2", "waiting"), (read.ETag, read.State!.Status));
    }

    [Fact]
    public async Task WriteStateAsync_TicketWithKeys_QueryRowAndNewKeysWrittenWithState()
    {
        var storage = await CreateAsync(new ProbeProjection());
        var tick = ProbeProjection.Created.AddHours(1);
        var state = new GrainState<ProbeState>(new ProbeState
        {
            NextTickAt = tick,
            Keys = [new("intake", "k-1", 1), new("intake", "k-again", 5)],
        });
        await storage.WriteStateAsync(StateName, Ticket, state, Ct);
        Assert.Equal("open", await ScalarAsync("SELECT status FROM ticket_query WHERE ticket_id = 'tk-1'"));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM idempotency WHERE owner_type = 'ticket' AND owner_key = 'tk-1'"));

        // The second write adds k-2 and sends k-again once more (recorded at version 5): the grain's own
        // key is accepted, k-1 (recorded at version 1) is not sent again.
        state.State = state.State! with { Status = "resolved", NextTickAt = null, Keys = [.. state.State!.Keys, new("intake", "k-2", 2)] };
        await storage.WriteStateAsync(StateName, Ticket, state, Ct);

        Assert.Equal("2", state.ETag);
        Assert.Equal("resolved", await ScalarAsync("SELECT status FROM ticket_query WHERE ticket_id = 'tk-1'"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM ticket_query WHERE next_tick_at IS NOT NULL"));
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM idempotency WHERE owner_type = 'ticket' AND owner_key = 'tk-1'"));
    }

    [Fact]
    public async Task WriteStateAsync_KeyOwnedByAnotherGrainInBatch_ThatWriteFailsAloneAndOthersCommit()
    {
        var storage = await CreateAsync(new ProbeProjection(), new GroupCommitOptions { MaxBatchesInFlight = 1 });
        await storage.WriteStateAsync(StateName, GrainId.Create("ticket", "tk-2"), new GrainState<ProbeState>(new ProbeState { Keys = [new("intake", "k-9", 1)] }), Ct);
        var refused = new GrainState<ProbeState>(new ProbeState());
        await storage.WriteStateAsync(StateName, Ticket, refused, Ct);

        refused.State = refused.State! with { Status = "merged", Keys = [new("intake", "k-new", 2), new("intake", "k-9", 2)] };
        var sizes = await LineUpBatchAsync(
            storage,
            () => storage.WriteStateAsync(StateName, GrainId.Create("customer", "c-1"), new GrainState<ProbeState>(new ProbeState()), Ct),
            [
                () => storage.WriteStateAsync(StateName, GrainId.Create("customer", "c-2"), new GrainState<ProbeState>(new ProbeState()), Ct),
                () => storage.WriteStateAsync(StateName, Ticket, refused, Ct),
                () => storage.WriteStateAsync(StateName, GrainId.Create("ticket", "tk-3"), new GrainState<ProbeState>(new ProbeState { Keys = [new("intake", "k-3", 1)] }), Ct),
            ],
            sqlBeforeRelease: null,
            expectOthers: results =>
            {
                Assert.Null(results[0]);
                var duplicate = Assert.IsType<DuplicateIntakeKeyException>(results[1]);
                Assert.Equal(("intake", "k-9", "ticket/tk-2"), (duplicate.Scope, duplicate.Key, duplicate.OwnerGrainId));
                Assert.Null(results[2]);
            });

        Assert.Equal([1, 3], sizes);
        Assert.Equal("1", refused.ETag);
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, Ticket, read, Ct);
        Assert.Equal(("1", "open"), (read.ETag, read.State!.Status));
        Assert.Equal("open", await ScalarAsync("SELECT status FROM ticket_query WHERE ticket_id = 'tk-1'"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM idempotency WHERE key = 'k-new'"));
        Assert.Equal("tk-3", await ScalarAsync("SELECT owner_key FROM idempotency WHERE key = 'k-3'"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM ticket_query WHERE ticket_id = 'tk-3'"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM grain_state WHERE grain_type = 'customer' AND grain_key = 'c-2'"));
    }

    [Fact]
    public async Task WriteStateAsync_TableGoneWhileBatchWaits_EveryWriteOfBatchFailsWithStorageUnavailable()
    {
        var storage = await CreateAsync(groupCommit: new GroupCommitOptions { MaxBatchesInFlight = 1 });

        var sizes = await LineUpBatchAsync(
            storage,
            () => storage.WriteStateAsync(StateName, GrainId.Create("customer", "c-1"), new GrainState<ProbeState>(new ProbeState()), Ct),
            [
                () => storage.WriteStateAsync(StateName, GrainId.Create("customer", "c-2"), new GrainState<ProbeState>(new ProbeState()), Ct),
                () => storage.WriteStateAsync(StateName, GrainId.Create("merchant", "m-1"), new GrainState<ProbeState>(new ProbeState()), Ct),
            ],
            sqlBeforeRelease: "ALTER TABLE grain_state RENAME TO grain_state_gone",
            expectOthers: results => Assert.All(results, e => Assert.IsType<StorageUnavailableException>(e)),
            expectFirst: e => Assert.IsType<StorageUnavailableException>(e));

        Assert.Equal([1, 2], sizes);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM grain_state_gone"));
    }

    [Fact]
    public async Task ClearStateAsync_StaleThenCurrentETag_RefusedThenStateAndQueryRowDeleted()
    {
        var storage = await CreateAsync(new ProbeProjection());
        var state = new GrainState<ProbeState>(new ProbeState { Keys = [new("intake", "k-1", 1)] });
        await storage.WriteStateAsync(StateName, Ticket, state, Ct);
        await storage.WriteStateAsync(StateName, Ticket, state, Ct);

        var stale = new GrainState<ProbeState>(state.State) { ETag = "1" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Ticket, stale, Ct));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM ticket_query WHERE ticket_id = 'tk-1'"));
        await storage.ClearStateAsync(StateName, Ticket, state, Ct);

        Assert.Equal((null, false), (state.ETag, state.RecordExists));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM grain_state"));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM ticket_query"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM idempotency WHERE key = 'k-1'"));
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, Ticket, read, Ct);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task ReadStateAsync_RowWrittenBeforeTheProvider_ReadWithItsVersion()
    {
        var storage = await CreateAsync();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new ProbeState { Status = "escalated", Note = "Ärger — 麻烦", Keys = [new("intake", "k-1", 1)] }, GrainStateJson.Options);
        await InsertStateRowAsync("ticket", "tk-old", bytes);

        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, GrainId.Create("ticket", "tk-old"), read, Ct);

        Assert.Equal(("1", true), (read.ETag, read.RecordExists));
        Assert.Equal(("escalated", "Ärger — 麻烦"), (read.State!.Status, read.State!.Note));
        Assert.Equal([new ProbeKey("intake", "k-1", 1)], read.State!.Keys);
    }

    [Fact]
    public async Task ReadStateAsync_GrainNamedNew_NoReadAndAWrongWordRefusedByTheVersionCheck()
    {
        // Both rows exist, so a read of either would find it: the hinted grain answering "no row" shows it was not read.
        var storage = await CreateAsync();
        var other = GrainId.Create("ticket", "tk-2");
        await storage.WriteStateAsync(StateName, Ticket, new GrainState<ProbeState>(new ProbeState { Status = "stored" }), Ct);
        await storage.WriteStateAsync(StateName, other, new GrainState<ProbeState>(new ProbeState { Status = "other" }), Ct);
        var hinted = new GrainState<ProbeState>(new ProbeState());
        var beside = new GrainState<ProbeState>(new ProbeState());

        using (NewGrainHint.For(Ticket))
        {
            await storage.ReadStateAsync(StateName, Ticket, hinted, Ct);
            await storage.ReadStateAsync(StateName, other, beside, Ct);
        }

        var afterScope = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, Ticket, afterScope, Ct);
        Assert.Equal((null, false, "open"), (hinted.ETag, hinted.RecordExists, hinted.State!.Status));
        Assert.Equal(("1", true, "other"), (beside.ETag, beside.RecordExists, beside.State!.Status));
        Assert.Equal(("1", "stored"), (afterScope.ETag, afterScope.State!.Status));

        hinted.State = new ProbeState { Status = "overwritten" };
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Ticket, hinted, Ct));
        var stored = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, Ticket, stored, Ct);
        Assert.Equal(("1", null), (refused.StoredEtag, refused.CurrentEtag));
        Assert.Equal(("1", "stored"), (stored.ETag, stored.State!.Status));
    }

    [Fact]
    public async Task ReadOverdueTicketIdsAsync_TicksAndPendingEvents_OverdueOnesMostOverdueFirst()
    {
        var storage = await CreateAsync(new ProbeProjection());
        var now = ProbeProjection.Created.AddDays(1);
        await WriteTicketAsync(storage, "tk-a", new ProbeState { NextTickAt = now.AddMinutes(-1) });
        await WriteTicketAsync(storage, "tk-b", new ProbeState { PendingSince = now.AddHours(-1), NextTickAt = now.AddHours(2) });
        await WriteTicketAsync(storage, "tk-c", new ProbeState());
        await WriteTicketAsync(storage, "tk-d", new ProbeState { NextTickAt = now.AddHours(1) });

        Assert.Equal(["tk-b", "tk-a"], await storage.ReadOverdueTicketIdsAsync(now, 10, Ct));
        Assert.Equal(["tk-b"], await storage.ReadOverdueTicketIdsAsync(now, 1, Ct));
        Assert.Equal(["tk-b", "tk-a", "tk-d"], await storage.ReadOverdueTicketIdsAsync(now.AddHours(3), 10, Ct));
    }

    private Task WriteTicketAsync(GrainStateStorage storage, string ticketId, ProbeState state) =>
        storage.WriteStateAsync(StateName, GrainId.Create("ticket", ticketId), new GrainState<ProbeState>(state), Ct);

    /// <summary>A provider on the test's database with its schema applied, disposed with the test.</summary>
    protected async Task<GrainStateStorage> CreateAsync(IStateWriteProjection? projection = null, GroupCommitOptions? groupCommit = null)
    {
        var storage = NewStorage(projection, groupCommit ?? new GroupCommitOptions());
        _storages.Add(storage);
        await storage.EnsureSchemaAsync(Ct);
        return storage;
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Starts <paramref name="first"/> while another connection holds the write lock, waits until its batch
    /// is in the database, queues <paramref name="others"/> behind it, then releases the lock (after
    /// <paramref name="sqlBeforeRelease"/>). Answers the sizes of the batches that left the queue; the
    /// others' exceptions (null: committed) go to <paramref name="expectOthers"/> in their order.
    /// </summary>
    private async Task<List<int>> LineUpBatchAsync(
        GrainStateStorage storage,
        Func<Task> first,
        IReadOnlyList<Func<Task>> others,
        string? sqlBeforeRelease,
        Action<Exception?[]> expectOthers,
        Action<Exception?>? expectFirst = null)
    {
        var sizes = new List<int>();
        var firstInDatabase = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var othersQueued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.BatchStarted += size =>
        {
            lock (sizes)
            {
                sizes.Add(size);
            }

            firstInDatabase.TrySetResult();
        };
        storage.WriteQueued += queued =>
        {
            if (queued == others.Count)
            {
                othersQueued.TrySetResult();
            }
        };

        Task firstWrite;
        Task<Exception?>[] otherWrites;
        await using (await HoldStateWritesAsync(sqlBeforeRelease))
        {
            firstWrite = first();
            await firstInDatabase.Task.WaitAsync(Ct);
            otherWrites = others.Select(write => Outcome(write())).ToArray();
            await othersQueued.Task.WaitAsync(Ct);
        }

        var firstOutcome = await Outcome(firstWrite).WaitAsync(Ct);
        if (expectFirst is null)
        {
            Assert.Null(firstOutcome);
        }
        else
        {
            expectFirst(firstOutcome);
        }

        expectOthers(await Task.WhenAll(otherWrites).WaitAsync(Ct));
        lock (sizes)
        {
            return [.. sizes];
        }
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
