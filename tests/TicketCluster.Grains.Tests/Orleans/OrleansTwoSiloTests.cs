using System.Text.Json;
using Orleans.Runtime;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Two silos: a ticket has one activation cluster-wide, whichever silo a call leaves from.</summary>
public sealed class OrleansTwoSiloTests() : OrleansClusterTests(silos: 2)
{
    [Fact]
    public async Task ExecuteAsync_OnSecondSiloWithVersionFromFirst_Accepted()
    {
        var first = Cluster.GrainsOn(0).GetGrain<ITicketGrain>("T1");
        var second = Cluster.GrainsOn(1).GetGrain<ITicketGrain>("T1");
        var opened = await OrleansTicketClockTests.OpenAsync(first, "T1");
        var acknowledged = await first.ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = TestTickets.Agent }, opened.Version, null);
        Assert.True(acknowledged.IsAccepted, acknowledged.ToString());

        var evidence = await second.ExecuteAsync(
            new AddEvidence([new EvidenceItem(EvidenceKind.Photo, "https://example.com/lid.jpg", new string('a', 64), null)]) { Actor = TestTickets.Agent },
            acknowledged.Ticket!.Version,
            null);

        Assert.True(evidence.IsAccepted, evidence.ToString());
        Assert.Equal(acknowledged.Ticket.Version + evidence.Events.Length, evidence.Ticket!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_ConcurrentCommandsFromBothSilos_NoUpdateLost()
    {
        var opened = await OrleansTicketClockTests.OpenAsync(Cluster.GrainsOn(0).GetGrain<ITicketGrain>("T1"), "T1", Severity.Normal);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Cluster.GrainsOn(i % 2).GetGrain<ITicketGrain>("T1").ExecuteAsync(
            new AddEvidence([new EvidenceItem(EvidenceKind.Photo, $"https://files.example.com/{i}.jpg", Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, '0'), null)]) { Actor = TestTickets.Agent },
            null,
            null)));

        Assert.All(outcomes, o => Assert.True(o.IsAccepted, o.ToString()));
        Assert.Equal(40, (await Cluster.GrainsOn(1).GetGrain<ITicketGrain>("T1").GetAsync())!.Evidence.Length);
        Assert.Equal(opened.Version + outcomes.Sum(o => o.Events.Length), (await Cluster.GrainsOn(0).GetGrain<ITicketGrain>("T1").GetAsync())!.Version);
    }

    [Fact]
    public async Task ReceiveReminderAndExecute_RaceAtTheDeadline_OneConsistentOutcome()
    {
        const int tickets = 10;
        for (var i = 0; i < tickets; i++)
        {
            await OrleansTicketClockTests.OpenAsync(Cluster.GrainsOn(0).GetGrain<ITicketGrain>($"T{i}"), $"T{i}", Severity.Urgent, $"C{i}", $"O{i}");
        }

        // The first-response deadline (an hour for an urgent ticket) has just passed: its reminder fires
        // through one silo while an agent acknowledges through the other.
        Cluster.Clock.Advance(TimeSpan.FromMinutes(61));
        var now = Cluster.Clock.GetUtcNow().UtcDateTime;
        await Task.WhenAll(Enumerable.Range(0, tickets).SelectMany(i => new[]
        {
            Cluster.GrainsOn(0).GetGrain<ITicketGrain>($"T{i}").ReceiveReminder(TicketReminders.NameOf(ClockKind.FirstResponse), new TickStatus(now, TicketReminders.DefaultRetryPeriod, now)),
            Acknowledge(Cluster.GrainsOn(1).GetGrain<ITicketGrain>($"T{i}")),
        }));

        for (var i = 0; i < tickets; i++)
        {
            var events = await Cluster.GrainsOn(0).GetGrain<ITicketGrain>($"T{i}").GetEventsAsync();
            var stages = events.OfType<ClockStageReached>().Where(s => s.Clock == ClockKind.FirstResponse).Select(s => s.Stage).ToList();
            var met = events.OfType<ClockMet>().Any(m => m.Clock == ClockKind.FirstResponse);

            // Either the acknowledgement came first (the clock was met, no deadline stage), or the
            // deadline came first (breached, then stopped by the acknowledgement): never both, never twice.
            Assert.Equal(stages.Distinct().Count(), stages.Count);
            Assert.True(met != stages.Contains(ClockStage.Deadline), string.Join(", ", events.Select(e => e.GetType().Name)));
            Assert.Single(events.OfType<TicketAcknowledged>());
            Assert.Equal(
                JsonSerializer.Serialize(TicketState.Replay(events), DomainJson.Options),
                JsonSerializer.Serialize(await Cluster.GrainsOn(1).GetGrain<ITicketGrain>($"T{i}").GetAsync(), DomainJson.Options));
        }
    }

    private static async Task Acknowledge(ITicketGrain ticket)
    {
        var outcome = await ticket.ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = TestTickets.Agent }, null, null);
        Assert.True(outcome.IsAccepted, outcome.ToString());
    }
}
