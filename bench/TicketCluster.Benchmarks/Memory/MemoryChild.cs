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
/// run), and shedding on memory pressure is off by default, so every ticket touched stays active.
/// </summary>
internal static class MemoryChild
{
    public const string Argument = "--memory-child";
    public const string ResultPrefix = "MEMORY-RESULT ";
    private const int Concurrency = 32;

    public sealed record Result(int Touched, int ActivationsAtEnd, long PeakWorkingSetBytes, long ManagedHeapBytes, double Seconds);

    /// <summary>The arguments after <see cref="Argument"/>: connection string, ticket key prefix, count.</summary>
    public static string[] Arguments(string database, string prefix, int count) =>
        [Argument, database, prefix, count.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The entry point of the child: <paramref name="args"/> as built by <see cref="Arguments"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (database, prefix) = (args[1], args[2]);
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        await using var silo = await BenchSilo.StartPostgresAsync(database);
        var took = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await TouchAsync(silo.Grains, MemoryBenchmark.Key(prefix, i));
            }
        });
        await Task.WhenAll(workers);
        var seconds = took.Elapsed.TotalSeconds;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var result = new Result(count, await ActivationsAsync(silo.Grains), self.PeakWorkingSet64, heap, seconds);
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
