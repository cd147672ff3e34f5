using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
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
