using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tests.Support;

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
        var acknowledged = await first.ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = GrainHarness.Agent }, opened.Version, null);
        Assert.True(acknowledged.IsAccepted, acknowledged.ToString());

        var evidence = await second.ExecuteAsync(
            new AddEvidence([new EvidenceItem(EvidenceKind.Photo, "https://example.com/lid.jpg", new string('a', 64), null)]) { Actor = GrainHarness.Agent },
            acknowledged.Ticket!.Version,
            null);

        Assert.True(evidence.IsAccepted, evidence.ToString());
        Assert.Equal(acknowledged.Ticket.Version + evidence.Events.Length, evidence.Ticket!.Version);
    }
}
