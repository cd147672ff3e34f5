using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using TicketCluster.OrleansStorage.Tests.Reminders;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Storage;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Commit;
using TicketCluster.Storage.Postgres.Hosting;
using TicketCluster.Storage.Postgres.Reminders;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>
/// <see cref="PostgresWriteChannel"/>: the grain storage's state writes and the reminder table's changes given one
/// channel leave in shared batches, each answered its own result, and a batch commits or fails as a whole, both
/// kinds alike; a silo with both providers on one database shares the channel.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresWriteChannelTests(PostgresFixture fixture) : IAsyncLifetime, IDisposable
{
    private static readonly DateTime StartAt = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private string _database = "";

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _database = await PostgresReminderTableTests.CreateDatabaseAsync(fixture, Ct);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task StateWritesAndReminderChanges_QueuedTogether_ShareBatches_EachAnsweredItsOwn()
    {
        // One batch in flight, so that the writes queued behind a held batch all leave in the next.
        await using var channel = new PostgresWriteChannel(_database, new GroupCommitOptions { MaxBatchesInFlight = 1 });
        await using var storage = Storage(channel);
        await using var table = Table(channel);
        var batches = new StartedBatches(h => channel.BatchStarted += h);
        var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("ticket", $"tk-{i}")).ToList();
        var states = grains.Select(g => new GrainState<ProbeState>(new ProbeState { Note = g.ToString() })).ToList();

        // The first reminder change is held in the database; a second one, the state writes and more reminder
        // changes queue up together behind it.
        Task[] writes;
        Task<string?>[] upserts;
        await using (await HeldTransaction.LockTableAsync(_database, "orleansreminderstable", null, Ct))
        {
            upserts = [table.UpsertRow(Entry(grains[0], "clock:Held"))];
            await batches.WaitForChangesAsync(1, Ct);
            upserts = [.. upserts, table.UpsertRow(Entry(grains[1], "clock:Held"))];
            writes = [.. grains.Select((g, i) => storage.WriteStateAsync("s", g, states[i], Ct))];
            upserts = [.. upserts, .. grains.Select(g => table.UpsertRow(Entry(g, "clock:Resolution")))];
        }

        await Task.WhenAll(writes);
        var etags = await Task.WhenAll(upserts);

        Assert.Equal([1, 41], batches.Sizes);
        Assert.All(states, s => Assert.Equal("1", s.ETag));
        Assert.All(etags, etag => Assert.Equal("0", etag));
        Assert.Equal(22, (await table.ReadRows(0, 0)).Reminders.Count);
        for (var i = 0; i < grains.Count; i++)
        {
            var read = new GrainState<ProbeState>(new ProbeState());
            await storage.ReadStateAsync("s", grains[i], read, Ct);
            Assert.Equal((grains[i].ToString(), "1"), (read.State?.Note, read.ETag));
        }
    }

    [Fact]
    public async Task BatchOfBothKinds_WriterKilled_BothFailAndNeitherIsStored()
    {
        // One batch in flight: the second batch forms while the first is held, and holds both kinds.
        await using var channel = new PostgresWriteChannel(_database, new GroupCommitOptions { MaxBatchesInFlight = 1 });
        await using var storage = Storage(channel);
        await using var table = Table(channel);
        var batches = new StartedBatches(h => channel.BatchStarted += h);
        var first = GrainId.Create("ticket", "tk-first");
        var lost = GrainId.Create("ticket", "tk-lost");
        var state = new GrainState<ProbeState>(new ProbeState { Note = "lost" });

        var queueLengths = new List<int>();
        await using (await HeldTransaction.LockTableAsync(_database, "orleansreminderstable", null, Ct))
        {
            var held = table.UpsertRow(Entry(first, "clock:Resolution"));
            await batches.WaitForChangesAsync(1, Ct);
            channel.Enqueued += queueLengths.Add;
            var write = storage.WriteStateAsync("s", lost, state, Ct);
            var upsert = table.UpsertRow(Entry(lost, "clock:Resolution"));
            channel.Enqueued -= queueLengths.Add;

            // Both joined the queue as they were called, behind the held batch.
            Assert.Equal([1, 2], queueLengths);

            // The first batch is let through by killing its writer; the second, the state write and the reminder
            // change together, then waits for the same lock after its state write ran, and is killed too.
            await KillLockWaitersAsync();
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => held);
            await batches.WaitForChangesAsync(3, Ct);
            await Sql.WaitForLockWaitersAsync(_database, 1, Ct);
            Assert.False(write.IsCompleted);
            Assert.False(upsert.IsCompleted);
            await KillLockWaitersAsync();

            // The same failure for both: the backend terminated by an administrator's command.
            var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => write);
            var cause = await Assert.ThrowsAsync<PostgresException>(() => upsert);
            Assert.Equal((PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.AdminShutdown), (failure.SqlState, cause.SqlState));
            Assert.Equal([1, 2], batches.Sizes);
        }

        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("s", lost, read, Ct);
        Assert.False(read.RecordExists);
        Assert.Null(await table.ReadRow(lost, "clock:Resolution"));
        Assert.Null(await table.ReadRow(first, "clock:Resolution"));
    }

    [Fact]
    public async Task Silo_StorageAndReminderTableOnOneDatabase_ShareTheChannel()
    {
        using var host = GrainStorageSiloTests.BuildSilo(silo => silo
            .AddTicketClusterPostgresStorage(_database, g => g.MaxBatchSize = 32)
            .UsePostgresReminderService(_database));
        var channel = host.Services.GetRequiredKeyedService<PostgresWriteChannel>(_database);
        var batches = new StartedBatches(h => channel.BatchStarted += h);

        await host.Services.GetRequiredService<IReminderTable>().UpsertRow(Entry(GrainId.Create("ticket", "tk-silo"), "clock:Resolution"));
        var storage = (PostgresStateStorage)host.Services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>(GrainStorageNames.TicketCluster);
        await storage.WriteStateAsync("s", GrainId.Create("ticket", "tk-silo"), new GrainState<ProbeState>(new ProbeState { Note = "silo" }), Ct);

        Assert.Equal(2, batches.Sizes.Sum());
        Assert.Equal(32, channel.GroupCommit.MaxBatchSize);
        Assert.Same(channel.GroupCommit, storage.GroupCommit);
    }

    private PostgresStateStorage Storage(PostgresWriteChannel channel) =>
        new(GrainStorageNames.TicketCluster, _database, PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance, channel);

    private PostgresReminderTable Table(PostgresWriteChannel channel) =>
        new(_database, Options.Create(new ClusterOptions { ServiceId = "ticketcluster" }), writes: channel);

    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = StartAt,
        Period = TimeSpan.FromMinutes(1),
    };

    private async Task KillLockWaitersAsync()
    {
        var writers = await Sql.WaitForLockWaitersAsync(_database, 1, Ct);
        await Sql.ExecuteAsync(_database, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({string.Join(", ", writers)})", Ct);
    }
}
