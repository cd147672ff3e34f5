using Npgsql;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>
/// Concurrent batches lock grains in one order (grain type, key), so batches naming the same grains in
/// opposite orders cannot deadlock. The interleaving that would deadlock without that order is forced
/// with a third transaction holding the first grain's row.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresLockOrderTests(PostgresFixture fixture) : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task WriteAsync_OppositeOrderBatchesQueuedBehindALock_BothCommit()
    {
        var database = await fixture.Server.CreateDatabaseAsync("lockorder", Ct);
        try
        {
            await using var storage = new PostgresGrainStorage(database);
            await storage.EnsureSchemaAsync(Ct);
            var due = DateTimeOffset.UnixEpoch.AddYears(60);
            GrainWrite Touch(string key, int hours) =>
                new(new GrainId("ticket", key), 0, null, [new ReminderRegistration("sla", due.AddHours(hours), null)], [], null, [], [], null);
            await storage.WriteAsync([Touch("a", 0), Touch("c", 0)], Ct);

            await using var blocker = new NpgsqlConnection(database);
            await blocker.OpenAsync(Ct);
            await using var hold = await blocker.BeginTransactionAsync(Ct);
            await using (var lockA = new NpgsqlCommand("SELECT 1 FROM reminders WHERE grain_key = 'a' FOR UPDATE", blocker, hold))
            {
                await lockA.ExecuteNonQueryAsync(Ct);
            }

            // First batch queues on a; the second (in caller order it would take c first) queues behind it.
            var first = storage.WriteAsync([Touch("a", 1), Touch("c", 1)], Ct);
            await WaitForLockWaitersAsync(database, 1);
            var second = storage.WriteAsync([Touch("c", 2), Touch("a", 2)], Ct);
            await WaitForLockWaitersAsync(database, 2);
            await hold.CommitAsync(Ct);

            var results = (await first).Concat(await second).ToList();

            Assert.All(results, r => Assert.True(r.IsCommitted));
            Assert.Equal(due.AddHours(2), Assert.Single(await storage.ReadRemindersAsync(new GrainId("ticket", "c"), Ct)).DueAt);
        }
        finally
        {
            await fixture.Server.DropDatabaseAsync(database, CancellationToken.None);
        }
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
}
