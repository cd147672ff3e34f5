using Npgsql;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>The test server itself, and the storage across the faults it can inject.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresServerTests(PostgresFixture fixture) : IDisposable
{
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
            await using var storage = new PostgresGrainStorage(database);
            await storage.EnsureSchemaAsync(Ct);
            await using var idle = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString);
            await idle.OpenAsync(Ct);

            var dbName = new NpgsqlConnectionStringBuilder(database).Database;
            Assert.True(await fixture.Server.TerminateBackendsAsync(dbName, Ct) >= 1);

            await Assert.ThrowsAnyAsync<Exception>(async () => await new NpgsqlCommand("SELECT 1", idle).ExecuteScalarAsync(Ct));
            var result = await WriteUntilAcceptedAsync(storage, GrainWrite.ForState(new GrainId("ticket", "t1"), 0, [1]));
            Assert.Equal(new WriteResult(WriteStatus.Committed, 1), result);
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
            var grain = new GrainId("ticket", "t1");
            await using (var storage = new PostgresGrainStorage(database))
            {
                await storage.EnsureSchemaAsync(Ct);
                await storage.WriteAsync([GrainWrite.ForState(grain, 0, [7])], Ct);
            }

            await fixture.Server.RestartAsync(Ct);
            NpgsqlConnection.ClearAllPools();

            await using var reopened = new PostgresGrainStorage(database);
            await reopened.EnsureSchemaAsync(Ct);
            var record = await reopened.ReadStateAsync(grain, Ct);
            Assert.Equal(1, record!.Version);
            Assert.Equal([7], record.State);
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, Ct);
        }
    }

    [Theory]
    [InlineData(-30, 0)]
    [InlineData(0, 60)]
    [InlineData(10, 60)]
    [InlineData(60, 120)]
    [InlineData(185, 240)]
    public async Task TcNextDue_MinutesAfterDue_SameAsSqliteSchedule(int minutesLate, int expectedMinutesAfterDue)
    {
        var database = await fixture.Server.CreateDatabaseAsync("nextdue", Ct);
        try
        {
            await using (var storage = new PostgresGrainStorage(database))
            {
                await storage.EnsureSchemaAsync(Ct);
            }

            var due = new DateTime(2026, 11, 11, 8, 0, 0, DateTimeKind.Utc);
            var next = await ScalarAsync(
                database,
                "SELECT tc_next_due($1, 3600000000, $1 + make_interval(mins => $2))",
                new NpgsqlParameter<DateTime> { TypedValue = due },
                new NpgsqlParameter<int> { TypedValue = minutesLate });

            Assert.Equal(due.AddMinutes(expectedMinutesAfterDue), next);
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, Ct);
        }
    }

    /// <summary>The storage's one idle pooled connection was terminated: the first call may fail on
    /// it (and the pool drops it), the next must succeed.</summary>
    private static async Task<WriteResult> WriteUntilAcceptedAsync(PostgresGrainStorage storage, GrainWrite write)
    {
        try
        {
            return (await storage.WriteAsync([write], CancellationToken.None))[0];
        }
        catch (NpgsqlException)
        {
            return (await storage.WriteAsync([write], CancellationToken.None))[0];
        }
    }

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
