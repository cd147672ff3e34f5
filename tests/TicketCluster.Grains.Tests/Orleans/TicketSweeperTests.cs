using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;

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
