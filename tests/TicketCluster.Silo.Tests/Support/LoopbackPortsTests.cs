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
    public void Free_OnLinux_BelowTheEphemeralRange()
    {
        // Outgoing connections take their local ports from the ephemeral range: a port from inside it could be
        // taken between being chosen and being bound.
        Assert.True(OperatingSystem.IsLinux(), "this machine's tests run on Linux");
        var low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = LoopbackPorts.Free(20);

        Assert.All(ports, p => Assert.InRange(p, 1024, low - 1));
    }

    [Fact]
    public void Free_NoPorts_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LoopbackPorts.Free(0));
}
