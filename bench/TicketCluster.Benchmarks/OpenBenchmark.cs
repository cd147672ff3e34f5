using System.Collections.Immutable;
using System.Diagnostics;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;
using TicketCluster.Grains.Legacy;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Durable ticket opens through the ticket grain: each open is one turn that commits the ticket's state,
/// its query row, its two clock reminders, its outbox events (customer and merchant) and its channel
/// idempotency key in one write. Closed-loop: <c>concurrency</c> callers each open tickets back to back.
/// </summary>
internal static class OpenBenchmark
{
    public sealed record Result(string Storage, bool GroupCommit, int BatchesInFlight, int Concurrency, int Tickets, double PerSecond, double P50Ms, double P99Ms, double MeanBatch, CpuSample Cpu);

    public static async Task<Result> RunAsync(string storageName, Func<IGrainStorage> openStorage, bool groupCommit, int batchesInFlight, int concurrency, TimeSpan duration)
    {
        await using var storage = openStorage();
        await storage.EnsureSchemaAsync(CancellationToken.None);
        var options = new GrainRuntimeOptions { NodeId = "bench" };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        options.GroupCommit.Enabled = groupCommit;
        options.GroupCommit.MaxBatchSize = 128;
        options.GroupCommit.MaxBatchesInFlight = batchesInFlight;
        await using var runtime = new GrainRuntime(storage, new GrainTypeRegistry().AddTicketGrains(TicketPolicy.Default), options);
        long batches = 0;
        long writes = 0;
        runtime.Events.BatchCommitted += size =>
        {
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref writes, size);
        };

        var prefix = $"{storageName}-{(groupCommit ? "gc" : "single")}-{Guid.NewGuid():N}"[..24];
        await OpenOneAsync(runtime, prefix + "-warm", 0);
        var latencies = new List<double>[concurrency];
        var cpu = CpuSample.Start();
        var stop = Stopwatch.StartNew();
        var next = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = [];
            while (stop.Elapsed < duration)
            {
                var n = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                await OpenOneAsync(runtime, prefix, n);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed;
        var all = new Percentiles(latencies.SelectMany(l => l));
        return new Result(storageName, groupCommit, batchesInFlight, concurrency, all.Count, all.Count / elapsed.TotalSeconds, all[50], all[99],
            batches == 0 ? 0 : (double)writes / batches, cpu());
    }

    private static async Task OpenOneAsync(GrainRuntime runtime, string prefix, int n)
    {
        var id = $"{prefix}-{n}";
        var outcome = await runtime.GetGrain<TicketGrain>(id).InvokeAsNewAsync(g => g.OpenAsync(Command(id, n), null));
        if (!outcome.IsAccepted)
        {
            throw new InvalidOperationException($"Open refused: {outcome.Rejection}");
        }
    }

    public static OpenTicket Command(string id, int n) =>
        new(
            id,
            Channel.App,
            "msg-" + id,
            new CustomerInfo("C" + (n % 50_000), "张三", "13812341234", "zhangsan@example.com", "广东省深圳市南山区科技园1号", CustomerTier.Regular),
            new OrderInfo("O-" + id, "M" + (n % 1000), new Money(299m, "CNY"), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null, []),
            TicketCategory.ProductQuality,
            n % 10 == 0 ? Severity.Urgent : Severity.Normal,
            RequestedOutcome.ReturnAndRefund,
            "收到的电水壶底部漏水，要求退货退款。The kettle leaks from the bottom; I want a refund.",
            ImmutableArray<EvidenceItem>.Empty)
        { Actor = new Actor("C" + (n % 50_000), ActorRole.Customer) };
}
