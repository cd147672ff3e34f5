using Orleans.Runtime;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Two silos: a ticket activates on the silo its first call leaves from (<c>PreferLocalPlacement</c>), so
/// an intake opens its ticket on the node that took the request and a reminder tick on the silo that holds
/// the reminder.</summary>
public sealed class OrleansPlacementTests() : OrleansClusterTests(silos: 2)
{
    private async Task<SiloAddress> ActivationSiloAsync(string grainType, string key)
    {
        var grain = GrainId.Create(grainType, key);
        var statistics = await Cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return Assert.Single(statistics, s => s.GrainId == grain).SiloAddress;
    }

    [Fact]
    public async Task Ticket_FirstCalledFromEitherSilo_ActivatedThere()
    {
        for (var i = 0; i < 8; i++)
        {
            var silo = i % 2;
            await Cluster.GrainsOn(silo).GetGrain<ITicketGrain>($"T{i}").GetAsync();

            Assert.Equal(Cluster.Cluster.Silos[silo].SiloAddress, await ActivationSiloAsync(GrainTypes.Ticket, $"T{i}"));
        }
    }
}
