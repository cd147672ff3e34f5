using Npgsql;
using Orleans;
using Orleans.Runtime;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>The test server itself, and the grain storage provider across the faults it can inject.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresServerTests(PostgresFixture fixture) : IDisposable
{
    private static readonly GrainId Ticket = GrainId.Create("ticket", "t1");
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task CreateDatabaseAsync_TwoDatabases_DoNotSeeEachOthersRows()
    {
        var first = await fixture.Server.CreateDatabaseAsync("iso", Ct);
        var second = await fixture.Server.CreateDatabaseAsync("iso", Ct);
        try
        {
            await ExecuteAsync(first, "CREATE TABLE t (x int); INSERT INTO t VALUES (1);");

            Assert.NotEqual(first, second);
            Assert.Equal(false, await ScalarAsync(second, "SELECT to_regclass('t') IS NOT NULL"));
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(first, Ct);
            await fixture.Server.DropDatabaseAsync(second, Ct);
        }
    }

    [Fact]
    public async Task TerminateBackendsAsync_OpenConnection_IsBrokenAndStorageRecovers()
    {
        var database = await fixture.Server.CreateDatabaseAsync("term", Ct);
        try
        {
            await using var storage = TestProviders.Postgres(database);
            await storage.EnsureSchemaAsync(Ct);
            await using var idle = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
            await idle.OpenAsync(Ct);

            var dbName = new NpgsqlConnectionStringBuilder(database).Database;
            Assert.True(await fixture.Server.TerminateBackendsAsync(dbName, Ct) >= 1);

            await Assert.ThrowsAnyAsync<Exception>(async () => await new NpgsqlCommand("SELECT 1", idle).ExecuteScalarAsync(Ct));
            var state = new GrainState<Note>(new Note(1));
            await WriteUntilAcceptedAsync(storage, state);
            Assert.Equal("1", state.ETag);
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, Ct);
        }
    }

    [Fact]
    public async Task RestartAsync_AfterCommittedWrites_StorageReadsThemBack()
    {
        if (!fixture.Server.CanRestart)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => fixture.Server.RestartAsync(Ct));
            return;
        }

        var database = await fixture.Server.CreateDatabaseAsync("restart", Ct);
        try
        {
            await using (var storage = TestProviders.Postgres(database))
            {
                await storage.EnsureSchemaAsync(Ct);
                await storage.WriteStateAsync("s", Ticket, new GrainState<Note>(new Note(7)), Ct);
            }

            await fixture.Server.RestartAsync(Ct);
            NpgsqlConnection.ClearAllPools();

            await using var reopened = TestProviders.Postgres(database);
            await reopened.EnsureSchemaAsync(Ct);
            var read = new GrainState<Note>(new Note(0));
            await reopened.ReadStateAsync("s", Ticket, read, Ct);
            Assert.Equal(("1", 7), (read.ETag, read.State!.Value));
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, Ct);
        }
    }

    /// <summary>The provider's one idle pooled connection was terminated: the first write may fail on
    /// it (and the pool drops it), the next must succeed.</summary>
    private static async Task WriteUntilAcceptedAsync(PostgresStateStorage storage, GrainState<Note> state)
    {
        try
        {
            await storage.WriteStateAsync("s", Ticket, state, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            await storage.WriteStateAsync("s", Ticket, state, CancellationToken.None);
        }
    }

    private sealed record Note(int Value);

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private async Task<object?> ScalarAsync(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(Ct);
    }
}
