using TicketCluster.OrleansStorage.Tests.Support;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>
/// A real Orleans 10.4.2 silo as the SQLite node runs: localhost clustering and
/// <c>UseSqliteReminderService</c> on a file that starts empty. The probe grain unregisters each reminder on
/// its first tick, so a fired reminder also exercises the removal with the ETag the silo holds.
/// </summary>
public sealed class SqliteReminderSiloTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly string _grain = $"sqlite-probe-{Guid.NewGuid():N}";

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        _file.Dispose();
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_DueInTwoSeconds_FiresAndRowRemoved()
    {
        await using var silo = await OrleansTestSilo.StartSqliteAsync(_file.ConnectionString, Ct);
        var firstTick = ReminderTicks.FirstTickAsync(_grain, "fires");

        await silo.Grains.GetGrain<IReminderProbeGrain>(_grain).RegisterAsync("fires", TimeSpan.FromSeconds(2));
        var rowsRegistered = Rows("fires");
        await firstTick.WaitAsync(Ct);

        Assert.Equal(1, rowsRegistered);
        Assert.Equal(0, Rows("fires"));
    }

    [Fact]
    public async Task RegisterOrUpdateReminder_BeforeSiloRestart_FiresOnRestartedSiloFromTheSameFile()
    {
        await using (var first = await OrleansTestSilo.StartSqliteAsync(_file.ConnectionString, Ct))
        {
            await first.Grains.GetGrain<IReminderProbeGrain>(_grain).RegisterAsync("survives", TimeSpan.FromSeconds(5));
        }

        var afterRestart = ReminderTicks.FirstTickAsync(_grain, "survives");
        Assert.False(afterRestart.IsCompleted, "the reminder fired before the first silo stopped");
        Assert.Equal(1, Rows("survives"));

        await using var second = await OrleansTestSilo.StartSqliteAsync(_file.ConnectionString, Ct);
        await afterRestart.WaitAsync(Ct);

        Assert.Equal(0, Rows("survives"));
    }

    private long Rows(string reminder) =>
        _file.Scalar($"SELECT count(*) FROM orleans_reminders WHERE grain_id LIKE '%{_grain}' AND reminder_name = '{reminder}'");
}
