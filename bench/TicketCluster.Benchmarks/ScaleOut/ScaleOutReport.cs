using System.Globalization;
using System.Text;
using static TicketCluster.Benchmarks.RuntimeBaseline;

namespace TicketCluster.Benchmarks.ScaleOut;

/// <summary>The section of docs/performance.md on one silo against three: the waiting backlog's drain and the CPU
/// per open, with the home-made runtime's one- and three-node rows of turns that wait beside them.</summary>
internal static class ScaleOutReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Render(ScaleOutBenchmark.Result result, RuntimeBaseline baseline)
    {
        var s = new StringBuilder();
        var first = result.Drains[0];
        var latency = N(result.Latency.TotalMilliseconds);
        s.Append(string.Create(C, $"""
            ## Scale-out: one silo against three

            The reminder backlog of the section above ({N(first.Pending)} pending, {N(first.Due)} due before the silos start) drained by one
            silo and then by three silos forming one cluster (one service id and cluster id, Orleans' stock ADO.NET
            clustering on the same database, each silo on ports of its own with its own connection pools), all in the
            benchmark's process: the bound compared is a silo's own, and a child process per silo would share the same
            two cores and server. Each firing's turn first waits on another system, as a notification send would: a
            POST to a loopback HTTP endpoint the benchmark serves, answered after {latency} ms, through a client of the
            silo's own with at most {result.Connections} connections to it, as the node's webhook client is bounded
            (`WebhookSettings.MaxConnectionsPerServer`); then it writes its state and unregisters the reminder as above.
            Orleans runs one turn per activation at a time but the reminders' grains concurrently, so what bounds a silo
            is its sends in flight. Orleans gives each silo the reminders of its ring range (the due rows spread by
            grain hash), read from each silo's ring range when the drain ends ("due owned"); a grain's turn runs where
            the grain is placed ("turns"): by Orleans' default placement, the ticket grains' own, in the first rows, and
            on the silo that fires it (`PreferLocalPlacement`) in the last, which tells the two spreads apart. Rate,
            lateness and CPU as above (from the first firing to the due-th; the endpoint's CPU is in the app's).
            "Due rows left": the due reminders' rows still in the table after the drain (a turn unregisters its own).
            Opens: the opens of the first section, the 64 callers spread round-robin over the silos'
            grain factories, for the CPU per open on one silo and on three; each cluster on a database of its own, measured
            after one open from every customer of the opens and 10 s of the same load ("Step 17" below).


            """));
        AppendTable(
            s,
            "| silos, placement | fires/s | lateness p50 ms | p99 ms | max ms | lost | duplicated | due rows left | by silo: due owned / turns | cores: app / PostgreSQL / steal | CPU ms per fire |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|",
            result.Drains.Select(r => string.Create(C, $"| {r.Scenario} | {N(r.FiresPerSecond)} | {r.LatenessP50Ms:F0} | {r.LatenessP99Ms:F0} | {r.LatenessMaxMs:F0} | {r.Lost} | {r.Duplicated} | {r.DueRowsLeft} | {string.Join(", ", r.BySilo.Select(b => $"{N(b.DueOwned)} / {N(b.Turns)}"))} | {r.Cpu} | {r.CpuMsPerFire:F3} |")));
        AppendTable(
            s,
            "| silos | opens/s | p50 ms | p99 ms | cores: app / PostgreSQL / steal | CPU ms per open |",
            "|---:|---:|---:|---:|---|---:|",
            result.Opens.Select(o => string.Create(C, $"| {o.Silos} | {N(o.Rate.PerSecond)} | {o.Rate.P50Ms:F1} | {o.Rate.P99Ms:F1} | {o.Rate.Cpu} | {o.CpuMsPerOpen:F3} |")));
        var one = result.Drains.First(r => r.Silos == 1);
        var three = result.Drains.First(r => r.Silos > 1);
        var local = result.Drains[^1];
        var (oldOne, oldThree) = (baseline.PostgresWaitingBacklog(1), baseline.PostgresWaitingBacklog(3));
        var (opensOne, opensThree) = (result.Opens.First(o => o.Silos == 1), result.Opens[^1]);
        s.AppendLine(Table(
        [
            ($"backlog fires/s, 1 silo, turns waiting {latency} ms", N(one.FiresPerSecond), N(oldOne.FiresPerSecond)),
            ($"backlog fires/s, {three.Silos} silos", N(three.FiresPerSecond), N(oldThree.FiresPerSecond)),
            ($"{three.Silos} silos / 1 (target: at least 2.5x)", N(three.FiresPerSecond / one.FiresPerSecond, 2) + "x", N(oldThree.FiresPerSecond / oldOne.FiresPerSecond, 2) + "x"),
            ($"{local.Silos} silos, turns placed on the reminder's silo / 1", N(local.FiresPerSecond / one.FiresPerSecond, 2) + "x", "—"),
            ($"CPU ms per fire, 1 silo / {three.Silos} (target: flat)", $"{N(one.CpuMsPerFire, 3)} / {N(three.CpuMsPerFire, 3)}", $"{N(oldOne.CpuMsPerFire, 3)} / {N(oldThree.CpuMsPerFire, 3)}"),
            ($"CPU ms per open, 1 silo / {opensThree.Silos} (target: flat)", $"{N(opensOne.CpuMsPerOpen, 3)} / {N(opensThree.CpuMsPerOpen, 3)}", "—"),
            ("lost / duplicated (all drains)", $"{result.Drains.Sum(r => r.Lost)} / {result.Drains.Sum(r => r.Duplicated)}", $"{oldOne.Lost + oldThree.Lost} / {oldOne.Duplicated + oldThree.Duplicated}"),
            ("pending / due", $"{N(one.Pending)} / {N(one.Due)}", $"{N(oldOne.Pending)} / {N(oldOne.Due)}"),
        ]));
        s.Append(string.Create(C, $"""
            What bounds them: a silo keeps at most {result.Connections} sends in flight, so a drain's rate on one silo is at
            most {N(result.Connections / result.Latency.TotalSeconds)} fires/s, and three silos' drain lasts until the silo that ran the most turns has sent
            its share (at most three times that rate when the turns are even), unless the two cores or the server bind
            first (the cores columns). The home-made runtime's rows were a node's claim pipeline (32 × 4 rounds)
            with turns waiting 50 ms, with the full counts. A cross-silo call (a turn placed on a silo other than the
            reminder's, an open routed to a grain on another silo) adds messaging CPU that one silo
            does not spend.


            """));
        return s.ToString();
    }

    /// <summary>A markdown table of <paramref name="rows"/> under its header lines, then a blank line.</summary>
    private static void AppendTable(StringBuilder s, string header, string alignment, IEnumerable<string> rows)
    {
        s.AppendLine(header).AppendLine(alignment);
        foreach (var row in rows)
        {
            s.AppendLine(row);
        }

        s.AppendLine();
    }
}
