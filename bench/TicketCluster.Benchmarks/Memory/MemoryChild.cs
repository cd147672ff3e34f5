using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orleans.Configuration;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// The peak-memory run, in a process of its own so that the peak working set is this run's alone: the
/// benchmark program re-invoked with <see cref="Argument"/>. A silo with the real grains on the PostgreSQL
/// database touches every ticket once (a read), with modest concurrency, and prints its numbers as one
/// JSON line after <see cref="ResultPrefix"/>. Orleans has no activation cap: an idle activation is
/// collected after <see cref="GrainCollectionOptions.CollectionAge"/> (default 15 min, longer than the
/// run), and shedding on memory pressure is off by Orleans' default, so without <see cref="Bound"/> every
/// ticket touched stays active. With it the silo sheds as the node does by default
/// (<see cref="GrainCollectionOptions.EnableActivationSheddingOnMemoryPressure"/>, limit and target
/// percentages) against the memory limit the parent gives the process (<c>DOTNET_GCHeapHardLimit</c>).
/// The reminder-memory run (<see cref="ReminderMemoryChild"/>) shares the argument.
/// </summary>
internal static class MemoryChild
{
    public const string Argument = "--memory-child";
    public const string ResultPrefix = "MEMORY-RESULT ";
    private const string Touch = "touch";
    private const int Concurrency = 32;

    /// <summary>Shedding on memory pressure with the node's default percentages and polling period, against a memory
    /// limit of <paramref name="HeapHardLimitBytes"/> (the runtime's heap hard limit, what it sets to 75 % of a
    /// container's memory limit).</summary>
    public sealed record Bound(long HeapHardLimitBytes, int LimitPercentage = 80, int TargetPercentage = 75, int PollingSeconds = 1);

    /// <summary>What the run measured. <paramref name="WorkingSetByQuarter"/>: the working set when a quarter,
    /// half, three quarters and all of the tickets had been touched; <paramref name="MaxActivations"/>: the
    /// most activations seen, polled each second; <paramref name="TimedOut"/>: reads that waited out Orleans'
    /// response timeout (with a bound only; without one a timeout fails the run).</summary>
    public sealed record Result(
        int Touched, int ActivationsAtEnd, long PeakWorkingSetBytes, long ManagedHeapBytes, double Seconds,
        Bound? Bound = null, int MaxActivations = 0, long[]? WorkingSetByQuarter = null, int TimedOut = 0);

    /// <summary>The arguments after <see cref="Argument"/>: mode, connection string, ticket key prefix,
    /// count, and with a bound its limit and target percentages.</summary>
    public static string[] Arguments(string database, string prefix, int count, Bound? bound = null) =>
        bound is null
            ? [Argument, Touch, database, prefix, count.ToString(CultureInfo.InvariantCulture)]
            : [Argument, Touch, database, prefix, count.ToString(CultureInfo.InvariantCulture), bound.LimitPercentage.ToString(CultureInfo.InvariantCulture), bound.TargetPercentage.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The entry point of the child: <paramref name="args"/> as built by <see cref="Arguments"/> or
    /// <see cref="ReminderMemoryChild.Arguments"/>.</summary>
    public static Task<int> RunAsync(string[] args) =>
        args[1] == ReminderMemoryChild.Mode ? ReminderMemoryChild.RunAsync(args) : TouchAllAsync(args);

    private static async Task<int> TouchAllAsync(string[] args)
    {
        var (database, prefix) = (args[2], args[3]);
        var count = int.Parse(args[4], CultureInfo.InvariantCulture);
        var bound = args.Length > 5
            ? new Bound(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture))
            : null;
        await using var silo = await BenchSilo.StartPostgresAsync(database, more: bound is null ? null : s => s.Configure<GrainCollectionOptions>(o =>
        {
            o.EnableActivationSheddingOnMemoryPressure = true;
            o.MemoryUsageLimitPercentage = bound.LimitPercentage;
            o.MemoryUsageTargetPercentage = bound.TargetPercentage;
            o.MemoryUsagePollingPeriod = TimeSpan.FromSeconds(bound.PollingSeconds);
        }));
        using var self = Process.GetCurrentProcess();
        var quarters = new long[4];
        var quarter = Math.Max(1, count / quarters.Length);
        var maxActivations = 0;
        var took = Stopwatch.StartNew();
        var done = 0;
        var timedOut = 0;
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                var active = await ActivationsAsync(silo.Grains);
                maxActivations = Math.Max(maxActivations, active);
                var gc = GC.GetGCMemoryInfo();
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{took.Elapsed.TotalSeconds:F0} s: {Volatile.Read(ref done)} touched, {active} active, committed {gc.TotalCommittedBytes >> 20} MiB of {gc.TotalAvailableMemoryBytes >> 20}, gen2 {GC.CollectionCount(2)}"));
                await Task.Delay(1000, CancellationToken.None);
            }
        }, CancellationToken.None);
        await OpenBenchmark.ForEachAsync(count, Concurrency, async i =>
        {
            try
            {
                await TouchAsync(silo.Grains, MemoryBenchmark.Key(prefix, i));
            }
            catch (TimeoutException) when (bound is not null)
            {
                // Counted, not fatal: a read that met its activation being shed can wait out Orleans' response
                // timeout (30 s), and the report shows how many did.
                Interlocked.Increment(ref timedOut);
            }

            var finished = Interlocked.Increment(ref done);
            if (finished % quarter == 0 && finished / quarter <= quarters.Length)
            {
                self.Refresh();
                quarters[(finished / quarter) - 1] = self.WorkingSet64;
            }
        });
        var seconds = took.Elapsed.TotalSeconds;
        await polling.CancelAsync();
        await poller;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        self.Refresh();
        var activations = await ActivationsAsync(silo.Grains);
        var result = new Result(count, activations, self.PeakWorkingSet64, heap, seconds, bound, Math.Max(maxActivations, activations), quarters, timedOut);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Reads the ticket through its grain and checks it is the ticket asked for.</summary>
    public static async Task TouchAsync(IGrainFactory grains, string id)
    {
        var ticket = await grains.GetGrain<ITicketGrain>(id).GetAsync();
        if (ticket?.TicketId != id)
        {
            throw new InvalidOperationException($"Ticket {id} read as {ticket?.TicketId ?? "nothing"}.");
        }
    }

    /// <summary>The silo's activations of every grain type (the management grain's count).</summary>
    public static Task<int> ActivationsAsync(IGrainFactory grains) =>
        grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
}
