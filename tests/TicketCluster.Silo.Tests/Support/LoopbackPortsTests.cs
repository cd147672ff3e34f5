using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>The ports a test node is given: a silo whose silo and gateway ports came out equal refuses to start.</summary>
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Free_SeveralAtOnce_AreDistinctPorts()
    {
        for (var round = 0; round < 50; round++)
        {
            var ports = LoopbackPorts.Free(3);

            Assert.Equal(3, ports.Distinct().Count());
            Assert.All(ports, p => Assert.InRange(p, 1, 65535));
        }
    }

    [Fact]
    public void Free_NoPorts_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopbackPorts.Free(0));
}
