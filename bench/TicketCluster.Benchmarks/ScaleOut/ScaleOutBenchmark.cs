using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Benchmarks.Reminders;
using TicketCluster.Storage.Commit;

namespace TicketCluster.Benchmarks.ScaleOut;

/// <summary>
/// The same work on one silo and on a cluster of three (silos in this process, one cluster id, the stock ADO.NET
/// clustering, each silo on its own ports with its own storage and reminder-table connection pools). (1) The
/// reminder backlog drain of <see cref="ReminderBenchmark"/> with turns that wait on another system: each turn
/// first sends a notification to <see cref="NotificationServer"/> (answered after <c>latency</c>) through its
/// silo's sender, bounded to <c>connections</c> requests in flight per silo as the node's webhook client is
/// (WebhookSettings.MaxConnectionsPerServer, 16 by default), on one silo and on three (see <see cref="Drains"/>). (2) Opens at grain level
/// (<see cref="OpenBenchmark.OpenOneAsync"/>), the callers spread round-robin over the silos' grain factories,
/// for the CPU per open, measured after a warm-up under the same load.
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
    /// <param name="newOpensDatabase">A fresh database with the schema, one for each cluster's opens (see <see cref="OpensOnClusterAsync"/>).</param>
    public static async Task<Result> RunAsync(
        string remindersDatabase, Func<Task<string>> newOpensDatabase, int pending, int due, TimeSpan latency, int connections, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
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

        var opens = await OpensAsync(newOpensDatabase, concurrency, duration, OpenBenchmark.WarmUp, statements: false, groupCommit: null);
        return new Result(latency, connections, drains, opens);
    }

    /// <summary>Makes <see cref="PreferLocalPlacement"/> the silo's default placement.</summary>
    private static void PlaceTurnsLocally(ISiloBuilder silo) => silo.Services.AddSingleton<PlacementStrategy, PreferLocalPlacement>();

    /// <summary>The opens on one silo and on three, each cluster on a database of its own (alone with
    /// <c>--only scaleout-opens</c>); with <paramref name="statements"/>, the server's statements, commits and WAL
    /// flushes of each measurement (after its warm-up) are printed.</summary>
    public static async Task<IReadOnlyList<Opens>> OpensAsync(Func<Task<string>> newDatabase, int concurrency, TimeSpan duration, TimeSpan warmUp, bool statements, Action<GroupCommitOptions>? groupCommit)
    {
        var opens = new List<Opens>();
        foreach (var silos in SiloCounts)
        {
            Console.WriteLine($"Scale-out: opens on {silos} silo(s), {concurrency} callers ...");
            var database = await newDatabase();
            CommitCounts? before = null;
            var rate = await OpensOnClusterAsync(database, silos, concurrency, duration, warmUp, statements ? Measuring : null, groupCommit);
            opens.Add(new Opens(silos, rate));
            Console.WriteLine($"  {silos} silo(s): {rate.PerSecond:N0} opens/s, p50 {rate.P50Ms:F1} ms, p99 {rate.P99Ms:F1} ms, CPU ms per open {opens[^1].CpuMsPerOpen:F3} (cores {rate.Cpu})");
            if (statements)
            {
                Console.WriteLine($"  per open: {(await StatementProfile.CommitsAsync(database) - before!).Per(rate.Count)}");
                Console.WriteLine($"  per open: {(await StatementProfile.CountAsync(database)).Per(rate.Count)}");
                Console.WriteLine(await StatementProfile.ReadAsync(database));
            }

            async Task Measuring()
            {
                await StatementProfile.ResetAsync(database);
                before = await StatementProfile.CommitsAsync(database);
            }
        }

        return opens;
    }

    /// <summary>The opens on a fresh cluster of <paramref name="silos"/> over a fresh <paramref name="database"/>: first,
    /// not measured, one open from each of the customers (<see cref="OpenBenchmark.Customers"/>) and then the same load
    /// for <paramref name="warmUp"/>, so that what a cluster does once after its start (membership, the first
    /// cross-silo calls' code, a customer's first activation and row) is not counted as the cost of an open, and one
    /// cluster's faster warm-up does not leave it fewer first-time customers to measure than the other. Each silo's reminder
    /// service reads every row of its ring range at its start, whenever the ring changes, at a random moment within
    /// 30 s of its start and every 5 min after: work that follows the rows in the table, not the opens, so each
    /// cluster gets a database of its own instead of the reminder rows of every run before it.</summary>
    private static async Task<OpenBenchmark.Rate> OpensOnClusterAsync(string database, int silos, int concurrency, TimeSpan duration, TimeSpan warmUp, Func<Task>? measuring, Action<GroupCommitOptions>? groupCommit)
    {
        await using var cluster = await BenchCluster.StartPostgresAsync(database, silos, groupCommit: groupCommit);
        var grains = cluster.Silos.Select(silo => silo.Grains).ToArray();
        var prefix = $"scale{silos}-{Guid.NewGuid():N}"[..20];
        await OpenBenchmark.ForEachAsync(OpenBenchmark.Customers, concurrency, n => OpenBenchmark.OpenOneAsync(grains[n % grains.Length], $"{prefix}-w{n}", n));
        await OpenBenchmark.ClosedLoopAsync(concurrency, warmUp, n => OpenBenchmark.OpenOneAsync(grains[n % grains.Length], $"{prefix}-warm{n}", n));
        if (measuring is not null)
        {
            await measuring();
        }

        return await OpenBenchmark.ClosedLoopAsync(concurrency, duration, n => OpenBenchmark.OpenOneAsync(grains[n % grains.Length], $"{prefix}-{n}", n));
    }
}
