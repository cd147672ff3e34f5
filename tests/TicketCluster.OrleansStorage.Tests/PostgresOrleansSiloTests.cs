using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests;

/// <summary>
/// A real silo on Orleans' stock ADO.NET clustering and reminders (10.4.2), on a PostgreSQL database that
/// has only the project's schema scripts applied.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresOrleansSiloTests(PostgresFixture fixture) : PostgresDatabaseTest(fixture, "orlsilo")
{
    /// <summary><c>SiloStatus.Active</c> as the membership table stores it.</summary>
    private const int ActiveStatus = 3;

    private readonly string _clusterId = $"orl-{Guid.NewGuid():N}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaHistory.ApplyPostgresAsync(Database, Ct);
    }

    [Fact]
    public async Task StartAsync_AdoNetClustering_SiloActiveInMembershipTable()
    {
        await using var silo = await OrleansTestSilo.StartAdoNetAsync(Database, _clusterId, Ct);

        var statuses = await SiloStatusesAsync();

        Assert.Equal([(silo.SiloPort, ActiveStatus)], statuses);
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_FiresThenSurvivesSiloRestart_FiresOnRestartedSilo()
    {
        string firstIdentity;
        var beforeRestart = Task.FromResult("");
        await using (var first = await OrleansTestSilo.StartAdoNetAsync(Database, _clusterId, Ct))
        {
            var grain = first.Grains.GetGrain<IReminderProbeGrain>("probe");
            await grain.RegisterAsync("fires", TimeSpan.FromSeconds(1));
            firstIdentity = await ReminderTicks.FirstTickAsync("probe", "fires").WaitAsync(Ct);
            Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'fires'"));

            await grain.RegisterAsync("survives", TimeSpan.FromSeconds(6));
            Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'survives'"));
        }

        var afterRestart = ReminderTicks.FirstTickAsync("probe", "survives");
        Assert.False(afterRestart.IsCompleted, "the reminder fired before the first silo stopped");
        await using var second = await OrleansTestSilo.StartAdoNetAsync(Database, _clusterId, Ct);
        var secondIdentity = await afterRestart.WaitAsync(Ct);

        Assert.NotEqual(firstIdentity, secondIdentity);
        Assert.Equal(
            [(second.SiloPort, ActiveStatus)],
            (await SiloStatusesAsync()).Where(s => s.Status == ActiveStatus).ToList());
    }

    [Fact]
    public async Task MembershipTable_WritesWithStaleTableVersion_RefusedAndNothingChanged()
    {
        // The version check is on the table version given (its etag); a row's etag is the table version it was
        // read at (MembershipReadAllKey answers v.version per row). 10.4.2 also answers false to an update
        // with an empty row etag, so the updates pass the etags as the protocol reads them.
        await using var silo = await OrleansTestSilo.StartAdoNetAsync(Database, _clusterId, Ct);
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var stale = (await table.ReadAllAsync(Ct)).Version;
        var entry = DeadEntry(generation: 1);
        Assert.True(await table.InsertRowAsync(entry, stale.Next(), Ct));
        var rowsAfterInsert = await SiloStatusesAsync();

        var refusedInsert = await table.InsertRowAsync(DeadEntry(generation: 2), stale.Next(), Ct);
        var refusedUpdate = await table.UpdateRowAsync(entry, stale.VersionEtag, stale.Next(), Ct);
        var current = await table.ReadAllAsync(Ct);
        var rowEtag = current.Members.Single(m => m.Item1.SiloAddress.Equals(entry.SiloAddress)).Item2;
        var acceptedUpdate = await table.UpdateRowAsync(entry, rowEtag, current.Version.Next(), Ct);

        Assert.False(refusedInsert);
        Assert.False(refusedUpdate);
        Assert.True(acceptedUpdate);
        Assert.Equal(stale.Version + 2, (await table.ReadAllAsync(Ct)).Version.Version);
        Assert.Equal(rowsAfterInsert, await SiloStatusesAsync());
    }

    /// <summary>A silo row of another, already dead silo: the running silo ignores it.</summary>
    private static MembershipEntry DeadEntry(int generation) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), generation),
        Status = SiloStatus.Dead,
        SiloName = $"gone-{generation}",
        HostName = "gone",
        ProxyPort = 0,
        StartTime = DateTime.UtcNow,
        IAmAliveTime = DateTime.UtcNow,
    };

    private Task<List<(int Port, int Status)>> SiloStatusesAsync() =>
        Sql.RowsAsync(
            Database,
            "SELECT port, status FROM orleansmembershiptable WHERE deploymentid = $1 ORDER BY starttime",
            r => (r.GetInt32(0), r.GetInt32(1)),
            Ct,
            _clusterId);
}
