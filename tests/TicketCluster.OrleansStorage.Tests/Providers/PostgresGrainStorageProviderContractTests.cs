using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The provider contract on <see cref="PostgresStateStorage"/>, a database per test on the
/// assembly's PostgreSQL server.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresGrainStorageProviderContractTests(PostgresFixture fixture) : GrainStorageProviderContractTests
{
    private string _database = "";

    public override async Task InitializeAsync() => _database = await fixture.Server.CreateDatabaseAsync("orlstate", Ct);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }

    protected override GrainStateStorage NewStorage(IStateWriteProjection? projection, GroupCommitOptions groupCommit) =>
        new PostgresStateStorage(GrainStorageNames.TicketCluster, _database, groupCommit, projection, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);

    [Fact]
    public async Task ConcurrentReads_ShareBatches_EachAnsweredItsOwnRow()
    {
        var storage = (PostgresStateStorage)await CreateAsync(null, PostgresStateStorage.DefaultGroupCommit());
        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create(i % 2 == 0 ? "ticket" : "customer", $"g-{i}")).ToList();
        foreach (var grain in grains.Where((_, i) => i % 3 != 0))
        {
            await storage.WriteStateAsync("s", grain, new GrainState<ProbeState>(new ProbeState { Note = grain.ToString() }), Ct);
        }

        var batches = new StartedBatches(h => storage.ReadBatchStarted += h);
        var reads = grains.Select(_ => new GrainState<ProbeState>(new ProbeState())).ToList();
        Task[] pending;

        // The first two reads are held in the database; the other 98 queue up behind them.
        await using (await HeldTransaction.LockTableAsync(_database, "grain_state", null, Ct, "ACCESS EXCLUSIVE"))
        {
            pending = [storage.ReadStateAsync("s", grains[0], reads[0], Ct), storage.ReadStateAsync("s", grains[1], reads[1], Ct)];
            await batches.WaitForChangesAsync(2, Ct);

            pending = [.. pending, .. grains.Skip(2).Select((g, i) => storage.ReadStateAsync("s", g, reads[i + 2], Ct))];
        }

        await Task.WhenAll(pending);

        for (var i = 0; i < grains.Count; i++)
        {
            var stored = i % 3 != 0;
            Assert.Equal(stored, reads[i].RecordExists);
            Assert.Equal(stored ? "1" : null, reads[i].ETag);
            Assert.Equal(stored ? grains[i].ToString() : "", reads[i].State?.Note);
        }

        var sizes = batches.Sizes;
        Assert.Equal(100, sizes.Sum());
        Assert.True(sizes.Count <= 4, $"100 reads took {sizes.Count} batches: {string.Join(", ", sizes)}");
    }

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>A table lock that every insert and update of <c>grain_state</c> waits for.</summary>
    protected override async Task<IAsyncDisposable> HoldStateWritesAsync(string? sqlBeforeRelease = null) =>
        await HeldTransaction.LockTableAsync(_database, "grain_state", sqlBeforeRelease, Ct);

    protected override async Task InsertStateRowAsync(string grainType, string grainKey, byte[] state)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at) VALUES ($1, $2, 1, $3, now())", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainKey });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = state });
        await command.ExecuteNonQueryAsync(Ct);
    }
}
