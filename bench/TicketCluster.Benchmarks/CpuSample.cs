using System.Diagnostics;
using System.Globalization;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Where the CPU went during a case: this process, the PostgreSQL server's processes, and the time the
/// machine's virtual CPUs were runnable but not run (steal: another tenant of the host had them). Read
/// from /proc; cores used = CPU seconds per wall second.
/// </summary>
internal sealed record CpuSample(double AppCores, double PostgresCores, double StealPercent)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>When set, the process id of the benchmarks' PostgreSQL server (its postmaster): only it
    /// and its children count as PostgreSQL, not other servers on the machine (a test suite's). When
    /// null, every process named postgres counts.</summary>
    public static int? PostgresServer { get; set; }

    public static Func<CpuSample> Start()
    {
        var wall = Stopwatch.StartNew();
        var app = Process.GetCurrentProcess().TotalProcessorTime;
        var pg = PostgresSeconds();
        var (steal, total) = StealAndTotal();
        return () =>
        {
            var seconds = wall.Elapsed.TotalSeconds;
            var (steal2, total2) = StealAndTotal();
            return new CpuSample(
                (Process.GetCurrentProcess().TotalProcessorTime - app).TotalSeconds / seconds,
                (PostgresSeconds() - pg) / seconds,
                total2 == total ? 0 : 100.0 * (steal2 - steal) / (total2 - total));
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{AppCores:F2} / {PostgresCores:F2} / {StealPercent:F0} %");

    /// <summary>CPU seconds the whole machine spent busy (user, nice, system, irq, softirq) since boot.</summary>
    internal static double MachineBusySeconds()
    {
        var fields = MachineTicks();
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / TicksPerSecond;
    }

    internal static (long Steal, long Total) StealAndTotal()
    {
        var fields = MachineTicks();
        return (fields.Length > 7 ? fields[7] : 0, fields.Take(8).Sum());
    }

    /// <summary>The machine's CPU time since boot by kind (user, nice, system, idle, iowait, irq,
    /// softirq, steal, …), in ticks: the first line of /proc/stat.</summary>
    private static long[] MachineTicks() =>
        File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>CPU seconds (user + system) of the process <paramref name="pid"/> (0 when it has ended).
    /// With <paramref name="reapedChildren"/>, those of its children that ended and were waited for
    /// instead: for this process, the child programs a case ran to completion.</summary>
    internal static double ProcessSeconds(int pid, bool reapedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var first = reapedChildren ? 13 : 11;
            return (long.Parse(rest[first], CultureInfo.InvariantCulture) + long.Parse(rest[first + 1], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The server's backends and helpers alive now (children of <see cref="PostgresServer"/>; 0 when
    /// it is not set).</summary>
    internal static int PostgresChildren() =>
        PostgresServer is { } server ? PostgresProcesses().Count(p => p.Parent == server) : 0;

    /// <summary>Waits (at most <paramref name="limit"/>) until the server has no more children than
    /// <paramref name="before"/>: the backends of a client that has just closed its connections end and are
    /// reaped by the postmaster a moment later, and only then does their CPU show in its reaped-children
    /// time, which <see cref="PostgresSeconds"/> reads. Sampled earlier, a short client's backends would
    /// count for nothing.</summary>
    internal static async Task WaitForPostgresChildrenAsync(int before, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (PostgresChildren() > before && waited.Elapsed < limit)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>CPU seconds (user + system) of every process named postgres, and of those that ended.</summary>
    internal static double PostgresSeconds()
    {
        long ticks = 0;
        foreach (var (pid, parent, fields) in PostgresProcesses())
        {
            if (PostgresServer is { } server && pid != server && parent != server)
            {
                continue;
            }

            // utime + stime, and cutime + cstime: the postmaster's reaped children (backends of
            // connections that closed during the case, such as pgbench's) count too.
            ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The processes named postgres: each one's id, its parent's, and the fields of its
    /// <c>/proc/PID/stat</c> after the command name (the state first).</summary>
    private static IEnumerable<(int Pid, int Parent, string[] Fields)> PostgresProcesses()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && PostgresStat(dir) is { } fields)
            {
                yield return (pid, int.Parse(fields[1], CultureInfo.InvariantCulture), fields);
            }
        }
    }

    private static string[]? PostgresStat(string processDirectory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(processDirectory, "stat"));
            var close = stat.LastIndexOf(')');
            return close >= 0 && stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal) ? stat[(close + 2)..].Split(' ') : null;
        }
        catch (IOException)
        {
            return null; // the process ended while being read
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
