using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;
using RuntimeGrainId = TicketCluster.Runtime.GrainId;

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

    protected override async Task WriteWithRuntimeStorageAsync(string grainType, string grainKey, byte[] state)
    {
        await using var runtimeStorage = new PostgresGrainStorage(_database);
        var results = await runtimeStorage.WriteAsync([GrainWrite.ForState(new RuntimeGrainId(grainType, grainKey), 0, state)], Ct);
        Assert.True(results[0].IsCommitted);
    }
}
