using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Benchmarks.Reminders;

namespace TicketCluster.Benchmarks.ScaleOut;

/// <summary>
/// The same work on one silo and on a cluster of three (silos in this process, one cluster id, the stock ADO.NET
/// clustering, each silo on its own ports with its own storage and reminder-table connection pools). (1) The
/// reminder backlog drain of <see cref="ReminderBenchmark"/> with turns that wait on another system: each turn
/// first sends a notification to <see cref="NotificationServer"/> (answered after <c>latency</c>) through its
/// silo's sender, bounded to <c>connections</c> requests in flight per silo as the node's webhook client is
/// (WebhookSettings.MaxConnectionsPerServer, 16 by default), on one silo and on three (see <see cref="Drains"/>). (2) Opens at grain level
/// (<see cref="OpenBenchmark.OpenOneAsync"/>), the callers spread round-robin over the silos' grain factories,
/// for the CPU per open.
/// </summary>
internal static class ScaleOutBenchmark
{
    public static readonly int[] SiloCounts = [1, 3];

    /// <summary>The drains: one silo, three with Orleans' default placement (the product's grains' placement: a
    /// reminder's turn may run on another silo than the one that fires it), and three with each turn placed on the
    /// silo whose reminder service fires it (<see cref="PreferLocalPlacement"/>), which separates the placement's
    /// spread of the turns from the reminders' spread over the ring.</summary>
    private static readonly (int Silos, bool LocalPlacement)[] Drains = [(1, false), (3, false), (3, true)];

    public sealed record Opens(int Silos, OpenBenchmark.Rate Rate)
    {
        /// <summary>CPU time per open, silos and server together, in milliseconds.</summary>
        public double CpuMsPerOpen => 1000 * (Rate.Cpu.AppCores + Rate.Cpu.PostgresCores) / Rate.PerSecond;
    }

    public sealed record Result(TimeSpan Latency, int Connections, IReadOnlyList<ReminderBenchmark.Result> Drains, IReadOnlyList<Opens> Opens);

    /// <param name="remindersDatabase">Where the drains run (their rows are reset before each).</param>
    /// <param name="opensDatabase">Where the opens run (their tickets register reminders of their own).</param>
    public static async Task<Result> RunAsync(
        string remindersDatabase, string opensDatabase, int pending, int due, TimeSpan latency, int connections, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var drains = new List<ReminderBenchmark.Result>();
        await using (var server = NotificationServer.Start(latency, TimeProvider.System))
        {
            foreach (var (silos, local) in Drains)
            {
                var scenario = $"{silos} silo{(silos == 1 ? "" : "s")}{(local ? ", turns placed on the reminder's silo" : "")}";
                Console.WriteLine($"Scale-out: backlog of {due:N0} due among {pending:N0} pending, {scenario}, turns waiting {latency.TotalMilliseconds:N0} ms on a notification ({connections} connections per silo) ...");
                var result = await ReminderBenchmark.RunAsync(
                    remindersDatabase,
                    scenario,
                    pending,
                    due,
                    TimeSpan.Zero,
                    silos: silos,
                    notification: () => NotificationSend.To(server.Endpoint, connections),
                    more: local ? PlaceTurnsLocally : null,
                    period: ReminderRows.ClusterPeriod,
                    cancellationToken: cancellationToken);
                Console.WriteLine($"  {result.FiresPerSecond:N0} fires/s, lateness p50 {result.LatenessP50Ms:N0} ms p99 {result.LatenessP99Ms:N0} ms, CPU ms per fire {result.CpuMsPerFire:F3}, lost {result.Lost}, duplicated {result.Duplicated}, due rows left {result.DueRowsLeft}, lateness max {result.LatenessMaxMs:N0} ms, due owned / turns by silo {string.Join(", ", result.BySilo.Select(b => $"{b.DueOwned} / {b.Turns}"))}");
                drains.Add(result);
            }
        }

        var opens = new List<Opens>();
        foreach (var silos in SiloCounts)
        {
            Console.WriteLine($"Scale-out: opens on {silos} silo(s), {concurrency} callers ...");
            opens.Add(new Opens(silos, await OpensAsync(opensDatabase, silos, concurrency, duration)));
            Console.WriteLine($"  {opens[^1].Rate.PerSecond:N0} opens/s, CPU ms per open {opens[^1].CpuMsPerOpen:F3}");
        }

        return new Result(latency, connections, drains, opens);
    }

    /// <summary>Makes <see cref="PreferLocalPlacement"/> the silo's default placement.</summary>
    private static void PlaceTurnsLocally(ISiloBuilder silo) => silo.Services.AddSingleton<PlacementStrategy, PreferLocalPlacement>();

    private static async Task<OpenBenchmark.Rate> OpensAsync(string database, int silos, int concurrency, TimeSpan duration)
    {
        await using var cluster = await BenchCluster.StartPostgresAsync(database, silos);
        var grains = cluster.Silos.Select(silo => silo.Grains).ToArray();
        var prefix = $"scale{silos}-{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < grains.Length; i++)
        {
            await OpenBenchmark.OpenOneAsync(grains[i], $"{prefix}-warm{i}", i);
        }

        return await OpenBenchmark.ClosedLoopAsync(concurrency, duration, n => OpenBenchmark.OpenOneAsync(grains[n % grains.Length], $"{prefix}-{n}", n));
    }
}
