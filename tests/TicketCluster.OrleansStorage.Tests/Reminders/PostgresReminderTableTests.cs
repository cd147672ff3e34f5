using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using TicketCluster.OrleansStorage.Tests.Providers;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Storage.Postgres.Reminders;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>
/// What <see cref="PostgresReminderTable"/> adds to the contract: its rows are the stock ADO.NET table's (each
/// table reads what the other wrote, with the same ETags), concurrent changes share batches, and a change is
/// answered only once its batch committed, so a writer killed mid-batch loses nothing it acknowledged.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresReminderTableTests(PostgresFixture fixture) : IAsyncLifetime, IDisposable
{
    private const string ServiceId = "ticketcluster";
    private static readonly DateTime StartAt = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private string _database = "";
    private PostgresReminderTable? _table;

    private CancellationToken Ct => _timeout.Token;

    private PostgresReminderTable Concrete => _table ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The table as Orleans sees it (the overloads with a token are the interface's).</summary>
    private IReminderTable Table => Concrete;

    /// <summary>A database of its own on <paramref name="fixture"/>'s server with the project's schema.</summary>
    public static async Task<string> CreateDatabaseAsync(PostgresFixture fixture, CancellationToken cancellationToken)
    {
        var database = await fixture.Server.CreateDatabaseAsync("orlrem", cancellationToken);
        await using var storage = new PostgresStateStorage(GrainStorageNames.TicketCluster, database, PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);
        await storage.EnsureSchemaAsync(cancellationToken);
        return database;
    }

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync(fixture, Ct);
        _table = new PostgresReminderTable(_database, Options.Create(new ClusterOptions { ServiceId = ServiceId }));
    }

    public async Task DisposeAsync()
    {
        await Concrete.DisposeAsync();

        NpgsqlConnection.ClearAllPools();
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task RowsOfEitherTable_ReadAlikeByTheOther_SameETags()
    {
        await using var stockTables = new StockReminderTables(_database);
        var stock = await stockTables.StartAsync(ServiceId, Ct);
        var grain = GrainId.Create("ticket", "tk-both");
        var ours = await Table.UpsertRow(Entry(grain, "clock:FirstResponse"), Ct);
        var theirs = await stock.UpsertRow(Entry(grain, "clock:Resolution", TimeSpan.FromMinutes(2)), Ct);

        var readByStock = await stock.ReadRows(grain, Ct);
        var readByOurs = await Table.ReadRows(grain, Ct);
        var ringByOurs = await Table.ReadRows(0, 0, Ct);
        var theirsMoved = await Table.UpsertRow(Entry(grain, "clock:Resolution", TimeSpan.FromMinutes(3)), Ct);
        var removedByStock = await stock.RemoveRow(grain, "clock:FirstResponse", ours!, Ct);
        var removedByOurs = await Table.RemoveRow(grain, "clock:Resolution", theirsMoved!, Ct);

        Assert.Equal(Shapes(readByStock), Shapes(readByOurs));
        Assert.Equal(Shapes(readByOurs), Shapes(ringByOurs));
        Assert.Equal(
            [("clock:FirstResponse", StartAt, TimeSpan.FromMinutes(1), ours), ("clock:Resolution", StartAt, TimeSpan.FromMinutes(2), theirs)],
            Shapes(readByOurs).Select(r => (r.Name, r.StartAt, r.Period, r.ETag)));
        Assert.Equal(("0", "0", "1"), (ours, theirs, theirsMoved));
        Assert.True(removedByStock);
        Assert.True(removedByOurs);
        Assert.Empty((await stock.ReadRows(grain, Ct)).Reminders);
    }

    [Fact]
    public async Task ConcurrentChanges_ShareBatches_EachAnsweredItsOwnETag()
    {
        var batches = new StartedBatches(h => Concrete.BatchStarted += h);
        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create("ticket", $"tk-{i}")).ToList();

        // The first two changes are held in the database; everything after them queues up behind.
        Task<string?>[] upserts;
        await using (await HoldTableAsync())
        {
            upserts = [Table.UpsertRow(Entry(grains[0], "clock:Resolution"), Ct), Table.UpsertRow(Entry(grains[1], "clock:Resolution"), Ct)];
            await batches.WaitForChangesAsync(2, Ct);
            upserts = [.. upserts, .. grains.Skip(2).Select(g => Table.UpsertRow(Entry(g, "clock:Resolution"), Ct))];
        }

        var etags = await Task.WhenAll(upserts);

        Assert.All(etags, etag => Assert.Equal("0", etag));
        var sizes = batches.Sizes;
        Assert.Equal(100, sizes.Sum());
        Assert.True(sizes.Count <= 4, $"100 changes took {sizes.Count} batches: {string.Join(", ", sizes)}");
        Assert.Equal(100, (await Table.ReadRows(0, 0, Ct)).Reminders.Count);
    }

    [Fact]
    public async Task ConcurrentReads_ShareBatches_EachAnsweredItsOwnRow()
    {
        var grains = Enumerable.Range(0, 50).Select(i => GrainId.Create("ticket", $"tk-{i}")).ToList();
        var keys = grains.SelectMany(g => new[] { (Grain: g, Name: "clock:Resolution"), (Grain: g, Name: "clock:FirstResponse") }).ToList();
        var etags = new Dictionary<(GrainId, string), string?>();
        foreach (var (grain, name) in keys.Where((_, i) => i % 3 != 0))
        {
            etags[(grain, name)] = await Table.UpsertRow(Entry(grain, name), Ct);
        }

        var batches = new StartedBatches(h => Concrete.ReadBatchStarted += h);
        Task<ReminderEntry?>[] reads;

        // The first two reads are held in the database; the other 98 queue up behind them.
        await using (await HeldTransaction.LockTableAsync(_database, "orleansreminderstable", null, Ct, "ACCESS EXCLUSIVE"))
        {
            reads = [Table.ReadRow(keys[0].Grain, keys[0].Name, Ct), Table.ReadRow(keys[1].Grain, keys[1].Name, Ct)];
            await batches.WaitForChangesAsync(2, Ct);
            reads = [.. reads, .. keys.Skip(2).Select(k => Table.ReadRow(k.Grain, k.Name, Ct))];
        }

        var rows = await Task.WhenAll(reads);

        for (var i = 0; i < keys.Count; i++)
        {
            if (etags.TryGetValue(keys[i], out var etag))
            {
                Assert.Equal((keys[i].Grain, keys[i].Name, StartAt, etag), (rows[i]!.GrainId, rows[i]!.ReminderName, rows[i]!.StartAt, rows[i]!.ETag));
            }
            else
            {
                Assert.Null(rows[i]);
            }
        }

        var sizes = batches.Sizes;
        Assert.Equal(100, sizes.Sum());
        Assert.True(sizes.Count <= 4, $"100 reads took {sizes.Count} batches: {string.Join(", ", sizes)}");
    }

    [Fact]
    public async Task ConcurrentRangeReads_RunAFewAtOnce_EachAnsweredTheRowsOfItsRange()
    {
        var grains = Enumerable.Range(0, 60).Select(i => GrainId.Create("ticket", $"tk-range-{i}")).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "clock:Resolution"), Ct);
        }

        // The ring in 32 parts, as a silo's reminder service reads the parts it owns: all at once.
        const int parts = 32;
        var bounds = Enumerable.Range(0, parts).Select(i => (Begin: (uint)i << 27, End: (uint)((i + 1) % parts) << 27)).ToList();
        Task<ReminderTableData>[] reads;
        await using (await HeldTransaction.LockTableAsync(_database, "orleansreminderstable", null, Ct, "ACCESS EXCLUSIVE"))
        {
            reads = [.. bounds.Select(b => Table.ReadRows(b.Begin, b.End, Ct))];
            await Sql.WaitForLockWaitersAsync(_database, PostgresReminderTable.MaxConcurrentRangeReads, Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
            Assert.Equal(PostgresReminderTable.MaxConcurrentRangeReads, (await Sql.LockWaitersAsync(_database, Ct)).Count);
        }

        var answers = await Task.WhenAll(reads);

        var seen = new List<GrainId>();
        for (var i = 0; i < parts; i++)
        {
            foreach (var row in answers[i].Reminders)
            {
                var hash = row.GrainId.GetUniformHashCode();
                var (begin, end) = bounds[i];
                Assert.True(RangeFactory.CreateRange(begin, end).InRange(hash), $"{row.GrainId} (hash {hash}) read for ({begin}, {end}]");
                seen.Add(row.GrainId);
            }
        }

        Assert.Equal(grains.OrderBy(g => g.ToString()), seen.OrderBy(g => g.ToString()));
    }

    [Fact]
    public async Task WriterKilledMidBatch_ItsChangesFailAndAreNotStored_AcknowledgedRowsKept()
    {
        var kept = GrainId.Create("ticket", "tk-kept");
        var lost = GrainId.Create("ticket", "tk-lost");
        var acknowledged = await Table.UpsertRow(Entry(kept, "clock:Resolution"), Ct);

        var batches = new StartedBatches(h => Concrete.BatchStarted += h);
        Task<string?> upsert;
        Task<bool> removal;
        await using (await HoldTableAsync())
        {
            upsert = Table.UpsertRow(Entry(lost, "clock:Resolution"), Ct);
            removal = Table.RemoveRow(kept, "clock:Resolution", acknowledged!, Ct);
            await batches.WaitForChangesAsync(2, Ct);
            var writers = await Sql.WaitForLockWaitersAsync(_database, batches.Sizes.Count, Ct);

            // Held in the database: neither change is answered before its batch commits.
            Assert.False(upsert.IsCompleted);
            Assert.False(removal.IsCompleted);
            await Sql.ExecuteAsync(_database, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid IN ({string.Join(", ", writers)})", Ct);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => upsert);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => removal);
        }

        Assert.Equal(acknowledged, (await Table.ReadRow(kept, "clock:Resolution", Ct))?.ETag);
        Assert.Null(await Table.ReadRow(lost, "clock:Resolution", Ct));
        Assert.Equal("0", await Table.UpsertRow(Entry(lost, "clock:Resolution"), Ct));
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = StartAt,
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    private static List<(string Name, DateTime StartAt, TimeSpan Period, string? ETag)> Shapes(ReminderTableData rows) =>
        [.. rows.Reminders
            .Select(r => (r.ReminderName, DateTime.SpecifyKind(r.StartAt.ToUniversalTime(), DateTimeKind.Utc), r.Period, r.ETag))
            .OrderBy(r => r.ReminderName, StringComparer.Ordinal)];

    /// <summary>A lock every insert, update and delete of the reminder table waits for.</summary>
    private Task<HeldTransaction> HoldTableAsync() => HeldTransaction.LockTableAsync(_database, "orleansreminderstable", null, Ct);
}
