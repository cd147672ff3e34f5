using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>
/// Concurrent batches lock grains in one order (grain type, key), so two nodes' batches naming the same
/// grains in opposite orders cannot deadlock: one node's pair commits and the other's meets the newer
/// versions, never a database error. The interleaving that would deadlock without that order is forced
/// with transactions holding rows: each node's first write is held while the pair queues behind it, and
/// the first grain's row is held while both pairs reach the database.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresLockOrderTests(PostgresFixture fixture) : IDisposable
{
    private const string StateName = "s";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    private static GrainId Grain(string key) => GrainId.Create("ticket", key);

    [Fact]
    public async Task WriteStateAsync_OppositeOrderBatchesQueuedBehindALock_BothCommit()
    {
        var database = await fixture.Server.CreateDatabaseAsync("lockorder", Ct);
        try
        {
            await using var first = Provider(database);
            await using var second = Provider(database);
            await first.EnsureSchemaAsync(Ct);
            var states = new Dictionary<string, GrainState<Note>>();
            foreach (var key in new[] { "a", "c", "h1", "h2" })
            {
                states[key] = new GrainState<Note>(new Note(0));
                await first.WriteStateAsync(StateName, Grain(key), states[key], Ct);
            }

            // The state objects carry ETags: each node writes its own copies of a and c.
            var firstA = Copy(states["a"]);
            var firstC = Copy(states["c"]);
            var secondA = Copy(states["a"]);
            var secondC = Copy(states["c"]);

            var holdA = await HoldRowAsync(database, "a");
            var holdH1 = await HoldRowAsync(database, "h1");
            var holdH2 = await HoldRowAsync(database, "h2");

            // Each node's first batch (h1, h2) waits on its held row; the pair queues behind it in caller order.
            var firstHeld = first.WriteStateAsync(StateName, Grain("h1"), states["h1"], Ct);
            var secondHeld = second.WriteStateAsync(StateName, Grain("h2"), states["h2"], Ct);
            await WaitForLockWaitersAsync(database, 2);
            var firstPair = await QueuePairAsync(first, ("a", firstA), ("c", firstC));
            var secondPair = await QueuePairAsync(second, ("c", secondC), ("a", secondA));

            // Both pairs go to the database while a is held: in caller order the second node would take c
            // and wait for a, the first would take a after the holder and then wait for c.
            await holdH1.DisposeAsync();
            await holdH2.DisposeAsync();
            await Task.WhenAll(firstHeld, secondHeld).WaitAsync(Ct);
            await WaitForLockWaitersAsync(database, 2);
            await holdA.DisposeAsync();

            var outcomes = new[] { await Outcome(firstPair), await Outcome(secondPair) };
            Assert.Single(outcomes, e => e is null);
            Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, e => e is not null));
            var committed = outcomes[0] is null ? (firstA, firstC) : (secondA, secondC);
            Assert.Equal(("2", "2"), (committed.Item1.ETag, committed.Item2.ETag));
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private static PostgresStateStorage Provider(string database) =>
        new(GrainStorageNames.TicketCluster, database, new GroupCommitOptions { MaxBatchesInFlight = 1 }, null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);

    private async Task<Exception?> Outcome(Task writes)
    {
        try
        {
            await writes.WaitAsync(Ct);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Queues two writes behind the node's batch in flight and waits until both are queued.</summary>
    private async Task<Task> QueuePairAsync(PostgresStateStorage storage, (string Key, GrainState<Note> State) one, (string Key, GrainState<Note> State) other)
    {
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        storage.WriteQueued += count =>
        {
            if (count == 2)
            {
                queued.TrySetResult();
            }
        };
        var writes = Task.WhenAll(
            storage.WriteStateAsync(StateName, Grain(one.Key), one.State, Ct),
            storage.WriteStateAsync(StateName, Grain(other.Key), other.State, Ct));
        await queued.Task.WaitAsync(Ct);
        return writes;
    }

    private static GrainState<Note> Copy(GrainState<Note> state) => new(state.State) { ETag = state.ETag, RecordExists = state.RecordExists };

    /// <summary>A transaction holding the state row of <c>ticket/{key}</c> until disposed.</summary>
    private async Task<HeldTransaction> HoldRowAsync(string database, string key)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        var transaction = await connection.BeginTransactionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT 1 FROM grain_state WHERE grain_type = 'ticket' AND grain_key = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        await command.ExecuteNonQueryAsync(Ct);
        return new HeldTransaction(connection, transaction, null);
    }

    /// <summary>Waits until the server reports <paramref name="count"/> sessions of the database waiting
    /// on a lock: the server's own view is the signal that the interleaving is in place.</summary>
    private async Task WaitForLockWaitersAsync(string database, int count)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var connection = new NpgsqlConnection(fixture.Server.AdminConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name! });
        while ((int)(await command.ExecuteScalarAsync(Ct))! < count)
        {
            await Task.Delay(10, Ct);
        }
    }

    private sealed record Note(int Value);
}
