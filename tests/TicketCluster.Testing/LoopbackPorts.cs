using System.Net;
using System.Net.Sockets;

namespace TicketCluster.Testing;

/// <summary>Loopback TCP ports that were free when asked for, for silos, gateways and web hosts that tests and
/// benchmarks start.</summary>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct free ports. Each is held by a listener until all are chosen: two
    /// ports asked for one after the other can be the same one, since the first is free again once its listener
    /// closes.</summary>
    public static int[] Free(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new TcpListener[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener?.Dispose();
            }
        }
    }

    /// <summary>One free port.</summary>
    public static int Free() => Free(1)[0];
}
