using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Storage.Tests.Contract;
using TicketCluster.Testing;

namespace TicketCluster.Storage.Tests.Sqlite;

/// <summary>The contract on a SQLite file (in a directory the storage has to create), with time on a
/// manual clock: leases expire when the test advances it.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageContractTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly List<string> _directories = [];

    protected override TimeSpan ShortLease => TimeSpan.FromMilliseconds(200);

    protected override Task<string> CreateLocationAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tc-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        _directories.Add(directory);
        return Task.FromResult($"Data Source={Path.Combine(directory, "data", "tickets.db")}");
    }

    protected override IGrainStorage Open(string location) => new SqliteGrainStorage(location, _clock);

    protected override Task<DateTimeOffset> NowAsync() => Task.FromResult(_clock.GetUtcNow());

    protected override Task WaitForLeasesToExpireAsync()
    {
        _clock.Advance(LongLease + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    protected override Task DeleteLocationsAsync()
    {
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_ClockAtLeaseEnd_LeaseHasExpired()
    {
        var now = _clock.GetUtcNow();
        var grain = new GrainId("ticket", "t1");
        await Storage.WriteAsync([new GrainWrite(grain, 0, [1], [new ReminderRegistration("sla", now, null)], [], null, [], [], null)], Ct);
        var first = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, TimeSpan.FromMinutes(1), Ct));

        _clock.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(1));
        Assert.Empty(await Storage.ClaimDueRemindersAsync("node-2", 10, TimeSpan.FromMinutes(1), Ct));
        _clock.Advance(TimeSpan.FromTicks(1));
        var second = Assert.Single(await Storage.ClaimDueRemindersAsync("node-2", 10, TimeSpan.FromMinutes(1), Ct));

        Assert.True(second.Fence > first.Fence);
    }
}
