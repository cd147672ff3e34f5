using Orleans.Runtime;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>
/// Grain ids whose uniform hash (<see cref="GrainId.GetUniformHashCode"/>) falls in a chosen band of the
/// ring, found by trying keys <c>ring-0</c>, <c>ring-1</c>, … in order: the hash is a fixed function of the
/// id, so the same ids come out on every run.
/// </summary>
public static class RingGrains
{
    public static GrainId InBand(uint from, uint to)
    {
        for (var i = 0; ; i++)
        {
            var grain = GrainId.Create("ring-probe", $"ring-{i}");
            var hash = grain.GetUniformHashCode();
            if (hash >= from && hash <= to)
            {
                return grain;
            }
        }
    }
}
