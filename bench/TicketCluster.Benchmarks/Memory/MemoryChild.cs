using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Storage.Postgres;
using TicketCluster.Grains.Legacy;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;

namespace TicketCluster.Benchmarks.Memory;

/// <summary>
/// The peak-memory run, in a process of its own so that the peak working set is this run's alone: the
/// benchmark program re-invoked with <see cref="Argument"/>. A grain runtime with the real grains and
/// the given activation cap touches every ticket once (a read), with modest concurrency, and prints its
/// numbers as one JSON line after <see cref="ResultPrefix"/>.
/// </summary>
internal static class MemoryChild
{
    public const string Argument = "--memory-child";
    public const string ResultPrefix = "MEMORY-RESULT ";
    private const int Concurrency = 32;

    public sealed record Result(int Touched, int Cap, int ActivationsAtEnd, long PeakWorkingSetBytes, long ManagedHeapBytes, double Seconds);

    /// <summary>The arguments after <see cref="Argument"/>: connection string, ticket key prefix, count, cap.</summary>
    public static string[] Arguments(string database, string prefix, int count, int cap) =>
        [Argument, database, prefix, count.ToString(CultureInfo.InvariantCulture), cap.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The entry point of the child: <paramref name="args"/> as built by <see cref="Arguments"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (database, prefix) = (args[1], args[2]);
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        var cap = int.Parse(args[4], CultureInfo.InvariantCulture);
        await using var storage = new PostgresGrainStorage(database);
        var options = new GrainRuntimeOptions { NodeId = "memory", MaxActivations = cap };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        await using var runtime = new GrainRuntime(storage, new GrainTypeRegistry().AddTicketGrains(TicketPolicy.Default), options);
        var took = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await TouchAsync(runtime, MemoryBenchmark.Key(prefix, i));
            }
        });
        await Task.WhenAll(workers);
        var seconds = took.Elapsed.TotalSeconds;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var result = new Result(count, cap, runtime.ActivationCount, self.PeakWorkingSet64, heap, seconds);
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Reads the ticket through its grain and checks it is the ticket asked for.</summary>
    public static async Task TouchAsync(GrainRuntime runtime, string id)
    {
        var ticket = await runtime.GetGrain<TicketGrain>(id).InvokeAsync(g => g.GetAsync());
        if (ticket?.TicketId != id)
        {
            throw new InvalidOperationException($"Ticket {id} read as {ticket?.TicketId ?? "nothing"}.");
        }
    }
}
