using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Orleans.Storage;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Durable ticket opens on a silo, at grain level (no HTTP). (1) The whole open: an intake routed to a new
/// ticket grain (<see cref="ITicketGrain.OpenOrMergeAsync"/>), which writes the ticket's state through the
/// project's storage provider (its query row and intake keys in the same transaction, group commit in the
/// provider), registers its two clock reminders in the silo's reminder table, and answers; the customer and
/// merchant pushes follow after the answer. (2) Provider-only: the same ticket states written straight
/// through the silo's provider (<see cref="IGrainStorage.WriteStateAsync{T}(string, GrainId, IGrainState{T})"/>),
/// no grain, no reminders: what the storage alone sustains. Closed loop: <c>concurrency</c> callers each
/// open (or write) tickets back to back, each measure after <see cref="WarmUp"/> of the same load on the same
/// silo, not measured: a fresh silo's first seconds compile its code (the runtime's tiered compilation took
/// 10–16 % of the process's CPU in the first measured seconds without it, docs/performance.md, step 21).
/// </summary>
internal static class OpenBenchmark
{
    public sealed record Rate(int Count, double PerSecond, double P50Ms, double P99Ms, CpuSample Cpu);

    /// <param name="ReminderTable">Which reminder table the silo registers the opens' reminders in.</param>
    public sealed record Result(string Storage, string ReminderTable, bool GroupCommit, int BatchesInFlight, int Concurrency, Rate Opens, Rate ProviderWrites);

    /// <summary>How long each measure's load runs before it is measured (the quick run's: <see cref="QuickWarmUp"/>).</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan QuickWarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Both measures on one fresh silo started by <paramref name="startSilo"/>, each after
    /// <paramref name="warmUp"/> of its load.</summary>
    public static async Task<Result> RunAsync(string storageName, string reminderTable, Func<Task<BenchSilo>> startSilo, bool groupCommit, int batchesInFlight, int concurrency, TimeSpan duration, TimeSpan warmUp)
    {
        await using var silo = await startSilo();
        var prefix = $"{storageName}-{(groupCommit ? "gc" : "single")}-{Guid.NewGuid():N}"[..24];
        var template = prefix + "-warm";
        await OpenOneAsync(silo.Grains, template, 0);
        await ClosedLoopAsync(concurrency, warmUp, n => OpenOneAsync(silo.Grains, $"{prefix}-warm{n}", n));
        var opens = await ClosedLoopAsync(concurrency, duration, n => OpenOneAsync(silo.Grains, $"{prefix}-{n}", n));

        // The template's stored state, copied with its id (and the message, order and key ids built from
        // it) replaced: a ticket of the same size and shape, with intake keys of its own.
        var stored = new GrainState<TicketGrainState>(new TicketGrainState());
        await silo.Storage.ReadStateAsync(GrainTypes.Ticket, GrainId.Create(GrainTypes.Ticket, template), stored);
        var json = JsonSerializer.Serialize(stored.State, GrainStateJson.Options);
        Func<int, Task> WriteAs(string kind) => async n =>
        {
            var id = $"{prefix}-{kind}{n}";
            var state = JsonSerializer.Deserialize<TicketGrainState>(json.Replace(template, id, StringComparison.Ordinal), GrainStateJson.Options)!;
            await silo.Storage.WriteStateAsync(GrainTypes.Ticket, GrainId.Create(GrainTypes.Ticket, id), new GrainState<TicketGrainState>(state));
        };
        await ClosedLoopAsync(concurrency, warmUp, WriteAs("ww"));
        var writes = await ClosedLoopAsync(concurrency, duration, WriteAs("w"));
        return new Result(storageName, reminderTable, groupCommit, batchesInFlight, concurrency, opens, writes);
    }

    internal static async Task<Rate> ClosedLoopAsync(int concurrency, TimeSpan duration, Func<int, Task> one)
    {
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
                await one(n);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        await Task.WhenAll(workers);
        var elapsed = stop.Elapsed;
        var used = cpu();
        var all = new Percentiles(latencies.SelectMany(l => l));
        return new Rate(all.Count, all.Count / elapsed.TotalSeconds, all[50], all[99], used);
    }

    /// <summary>The customers the opens come from: open <c>n</c> is customer <c>n</c> modulo this (and merchant
    /// <c>n</c> modulo 1,000).</summary>
    public const int Customers = 50_000;

    /// <summary>Opens ticket <paramref name="id"/> as an intake routed to the new id it drew (so, as the node's
    /// intake does, telling the storage that the ticket has never been written: <see cref="NewGrainHint"/>).</summary>
    public static async Task OpenOneAsync(IGrainFactory grains, string id, int n)
    {
        var ticket = grains.GetGrain<ITicketGrain>(id);
        var turn = await NewGrainHint.Call(ticket.GetGrainId(), () => ticket.OpenOrMergeAsync(Command(id, n), "msg-" + id, Keys(id, n)));
        if (!turn.Opened || !turn.Outcome.IsAccepted)
        {
            throw new InvalidOperationException($"Open of {id} refused: {turn.Outcome}");
        }
    }

    /// <summary>Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, <paramref name="concurrency"/> at a time.</summary>
    internal static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await body(i);
            }
        }));
    }

    /// <summary>The intake keys of ticket <paramref name="id"/>'s intake, each unique to it.</summary>
    public static IntakeKeys Keys(string id, int n) => new("customer:C" + (n % Customers), "key-" + id, "fp-" + id);

    public static OpenTicket Command(string id, int n) =>
        new(
            id,
            Channel.App,
            "msg-" + id,
            new CustomerInfo("C" + (n % Customers), "张三", "13812341234", "zhangsan@example.com", "广东省深圳市南山区科技园1号", CustomerTier.Regular),
            new OrderInfo("O-" + id, "M" + (n % 1000), new Money(299m, "CNY"), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null, []),
            TicketCategory.ProductQuality,
            n % 10 == 0 ? Severity.Urgent : Severity.Normal,
            RequestedOutcome.ReturnAndRefund,
            "收到的电水壶底部漏水，要求退货退款。The kettle leaks from the bottom; I want a refund.",
            ImmutableArray<EvidenceItem>.Empty)
        { Actor = new Actor("C" + (n % Customers), ActorRole.Customer) };
}
