using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TicketCluster.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The provider contract on <see cref="SqliteStateStorage"/>, on a file in a temporary directory.</summary>
public sealed class SqliteGrainStorageProviderContractTests : GrainStorageProviderContractTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tc-orl-state-").FullName;

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "node.db") }.ConnectionString;

    public override Task InitializeAsync() => Task.CompletedTask;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override GrainStateStorage NewStorage(IStateWriteProjection? projection, GroupCommitOptions groupCommit) =>
        new SqliteStateStorage(GrainStorageNames.TicketCluster, ConnectionString, groupCommit, projection, TimeProvider.System, NullLogger<SqliteStateStorage>.Instance);

    protected override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    protected override async Task<IAsyncDisposable> HoldStateWritesAsync(string? sqlBeforeRelease = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        var transaction = connection.BeginTransaction(deferred: false);
        return new HeldTransaction(connection, transaction, sqlBeforeRelease);
    }

    protected override async Task InsertStateRowAsync(string grainType, string grainKey, byte[] state)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at) VALUES ($type, $key, 1, $state, 0)";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$key", grainKey);
        command.Parameters.AddWithValue("$state", state);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
