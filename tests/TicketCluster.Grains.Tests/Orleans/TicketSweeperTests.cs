using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;
using TicketCluster.Testing;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class TicketSweeperTests() : OrleansClusterTests
{
    [Fact]
    public async Task SweepOnceAsync_OverdueTicketMissingAReminder_ReconciledWithTheGraceApplied()
    {
        var ticket = await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1");
        var grainId = GrainId.Create(GrainTypes.Ticket, "T1");
        var name = TicketReminders.NameOf(ClockKind.FirstResponse);
        Assert.True(await Cluster.ReminderTable.RemoveRow(grainId, name, (await Cluster.ReminderTable.ReadRow(grainId, name))!.ETag!));
        var source = new OverdueTickets(["T1"]);
        var sweeper = new TicketSweeper(source, Cluster.Grains, Cluster.Clock, Options.Create(new TicketSweeperOptions()), NullLogger<TicketSweeper>.Instance);

        var swept = await sweeper.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(1, swept);
        Assert.Equal((Cluster.Clock.GetUtcNow() - TimeSpan.FromSeconds(90), 200), source.Asked);
        Assert.Equal(ticket.PendingTicks.Select(t => TicketReminders.NameOf(t.Clock)).Order(), (await Cluster.RemindersAsync("T1")).Keys.Order());
    }

    [Fact]
    public async Task ASweepThatTimesOut_IsLoggedAndTheNextSweepRuns()
    {
        var clock = new ManualTimeProvider();
        var source = new TimingOutOnce();
        var sweeper = new TicketSweeper(source, Cluster.Grains, clock, Options.Create(new TicketSweeperOptions { Period = TimeSpan.FromSeconds(30) }), NullLogger<TicketSweeper>.Instance);
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            // A sweep is due every 0.8–1.2 periods: five periods of the clock give it at least two reads.
            for (var second = 0; second < 150 && source.Reads < 2; second++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
            }

            Assert.False(sweeper.ExecuteTask!.IsCompleted, "the sweeper stopped after a timeout");
            Assert.True(source.Reads >= 2, $"{source.Reads} read(s)");
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Times out on its first read, as a read of a database under load can; answers nothing after.</summary>
    private sealed class TimingOutOnce : ITicketSweepSource
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<IReadOnlyList<string>> ReadOverdueTicketIdsAsync(DateTimeOffset before, int limit) =>
            Interlocked.Increment(ref _reads) == 1
                ? Task.FromException<IReadOnlyList<string>>(new TaskCanceledException("timed out"))
                : Task.FromResult<IReadOnlyList<string>>([]);
    }

    private sealed class OverdueTickets(IReadOnlyList<string> ids) : ITicketSweepSource
    {
        public (DateTimeOffset Before, int Limit) Asked { get; private set; }

        public Task<IReadOnlyList<string>> ReadOverdueTicketIdsAsync(DateTimeOffset before, int limit)
        {
            Asked = (before, limit);
            return Task.FromResult(ids);
        }
    }
}
