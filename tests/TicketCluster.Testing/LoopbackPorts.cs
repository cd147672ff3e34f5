using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TicketCluster.Testing;

/// <summary>Loopback TCP ports that were free when asked for, for silos, gateways and web hosts that tests and
/// benchmarks start.</summary>
/// <remarks>On Linux the ports are drawn from below the kernel's ephemeral range
/// (<c>/proc/sys/net/ipv4/ip_local_port_range</c>): a port from inside it, free when asked for, can be taken as the
/// local port of any process's outgoing connection before the silo binds it (seen as "Address already in use" while
/// other test processes ran beside). Elsewhere the system picks (port 0).</remarks>
public static class LoopbackPorts
{
    /// <summary>How many ports below the ephemeral range are drawn from.</summary>
    private const int Span = 12_000;

    private static readonly int? EphemeralLow = ReadEphemeralLow();

    /// <summary><paramref name="count"/> distinct free ports. Each is held by a listener until all are chosen: two
    /// ports asked for one after the other can be the same one, since the first is free again once its listener
    /// closes.</summary>
    public static int[] Free(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count; attempt++)
            {
                if (attempt == 1_000)
                {
                    throw new InvalidOperationException($"No {count} free loopback ports found in {attempt} attempts.");
                }

                var listener = new TcpListener(IPAddress.Loopback, Candidate());
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose(); // in use (by another process, or one of these): draw again
                }
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>One free port.</summary>
    public static int Free() => Free(1)[0];

    private static int Candidate() =>
        EphemeralLow is { } low ? Random.Shared.Next(Math.Max(1024, low - Span), low) : 0;

    private static int? ReadEphemeralLow()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var low) && low > 1024 + 1_000 ? low : null;
    }
}
