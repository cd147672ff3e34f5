using System.Collections.Concurrent;
using System.Diagnostics;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;
using IRemindable = TicketCluster.Runtime.Grains.IRemindable;

namespace TicketCluster.Benchmarks;

/// <summary>
/// Reminder firing with 1,000,000 reminders pending (on PostgreSQL, or on SQLite with one node): <c>due</c> of them fall due (either
/// all at once, a backlog as after an outage, or spread evenly over a window) and the rest lie days
/// ahead. The rate is taken over the window from the first due time (or the nodes' start, if later)
/// to the last firing. Each firing is a grain turn that writes the grain's state and completes the reminder in the
/// same write. Lateness is fired − due; lost and duplicate fires are counted from the grains' states.
/// </summary>
internal static class ReminderBenchmark
{
    public sealed record Result(
        string Storage, string Scenario, int Nodes, Setup Setup, int Pending, int Due, TimeSpan Spread, double FiresPerSecond,
        double LatenessP50Ms, double LatenessP99Ms, double LatenessMaxMs, long Lost, long Duplicated, long FenceLost, CpuSample Cpu)
    {
        /// <summary>CPU time per fire, node and server together, in milliseconds: what bounds the rate
        /// when both share the machine's cores, whatever else runs beside them.</summary>
        public double CpuMsPerFire => 1000 * (Cpu.AppCores + Cpu.PostgresCores) / FiresPerSecond;
    }

    /// <summary>The dispatcher's settings on every node of a run.</summary>
    /// <param name="TurnWaitMs">How long each firing turn waits before its write, as a turn that calls
    /// another system (a notification, a carrier's API) does: the node's pipeline, not the CPU, then
    /// bounds its rate.</param>
    /// <param name="GroupCommit">Whether the turns' writes go out in group-commit batches (off: one
    /// write per transaction).</param>
    public sealed record Setup(int ClaimBatch = 256, int RoundsInFlight = 4, int WriteBatch = 256, int WriteBatchesInFlight = 2, int TurnWaitMs = 0, bool GroupCommit = true)
    {
        /// <summary>The runtime's own defaults (<see cref="GrainRuntimeOptions"/>).</summary>
        public static Setup RuntimeDefaults { get; } = FromOptions(new GrainRuntimeOptions());

        private static Setup FromOptions(GrainRuntimeOptions o) =>
            new(o.Reminders.ClaimBatchSize, o.Reminders.MaxRoundsInFlight, o.GroupCommit.MaxBatchSize, o.GroupCommit.MaxBatchesInFlight);

        public Setup WithTurnWait(int milliseconds) => this with { TurnWaitMs = milliseconds };

        public Setup WithoutGroupCommit() => this with { GroupCommit = false };

        public override string ToString() =>
            $"claim {ClaimBatch} × {RoundsInFlight} rounds, " + (GroupCommit ? $"writes {WriteBatch} × {WriteBatchesInFlight}" : "group commit off")
            + (TurnWaitMs > 0 ? $"; turns wait {TurnWaitMs} ms" : "");
    }

    public static async Task<Result> RunAsync(ReminderBenchStore store, string scenario, int nodes, int pending, int due, TimeSpan spread, Setup setup)
    {
        await store.ResetAsync();
        var start = await store.SeedAsync(pending, due, spread);
        var lateness = new ConcurrentBag<double>();
        long completed = 0;
        long fenceLost = 0;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runtimes = new List<(GrainRuntime Runtime, IGrainStorage Storage)>();
        var clock = Stopwatch.StartNew();
        DateTimeOffset? lastFired = null;
        for (var i = 0; i < nodes; i++)
        {
            var storage = store.Open();
            var options = new GrainRuntimeOptions { NodeId = $"bench-{i}" };
            options.Outbox.Enabled = false;
            options.Reminders.ClaimBatchSize = setup.ClaimBatch;
            options.Reminders.MaxRoundsInFlight = setup.RoundsInFlight;
            options.Reminders.Lease = TimeSpan.FromSeconds(30);
            options.GroupCommit.MaxBatchSize = setup.WriteBatch;
            options.GroupCommit.MaxBatchesInFlight = setup.WriteBatchesInFlight;
            options.GroupCommit.Enabled = setup.GroupCommit;
            var runtime = new GrainRuntime(storage, new GrainTypeRegistry().Add("bench", _ => new BenchGrain(TimeSpan.FromMilliseconds(setup.TurnWaitMs))), options);
            runtime.Events.ReminderFired += fired =>
            {
                if (fired.Outcome == ReminderOutcome.FenceLost)
                {
                    Interlocked.Increment(ref fenceLost);
                    return;
                }

                if (fired.Outcome != ReminderOutcome.Completed)
                {
                    return;
                }

                lateness.Add((fired.FiredAt - fired.DueAt).TotalMilliseconds);
                lock (lateness)
                {
                    if (lastFired is null || fired.FiredAt > lastFired)
                    {
                        lastFired = fired.FiredAt;
                    }
                }

                if (Interlocked.Increment(ref completed) == due)
                {
                    allDone.TrySetResult();
                }
            };
            runtimes.Add((runtime, storage));
        }

        foreach (var (runtime, _) in runtimes)
        {
            await runtime.StartAsync(CancellationToken.None);
        }

        var started = TimeProvider.System.GetUtcNow();
        var cpu = CpuSample.Start();
        await allDone.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var used = cpu();
        var firstDue = start > started ? start : started;
        foreach (var (runtime, storage) in runtimes)
        {
            await runtime.StopAsync(CancellationToken.None);
            await runtime.DisposeAsync();
            await storage.DisposeAsync();
        }

        var (lost, duplicated) = await store.CountEffectsAsync(due);
        var window = (lastFired!.Value - firstDue).TotalSeconds;
        var sample = new Percentiles(lateness);
        return new Result(store.Name, scenario, nodes, setup, pending, due, spread, due / Math.Max(window, 0.001), sample[50], sample[99], sample.Max, lost, duplicated, fenceLost, used);
    }
}

/// <summary>The benchmark's grain: counts its firings in its state, as a ticket records a deadline stage
/// (after waiting <paramref name="wait"/>, when set, as for a call to another system).</summary>
internal sealed class BenchGrain(TimeSpan wait) : TicketCluster.Runtime.Grains.Grain<BenchState>, IRemindable
{
    protected override BenchState CreateInitialState() => new();

    public async Task ReceiveReminder(string reminderName, DateTimeOffset dueAt)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        State = State with { Fired = State.Fired + 1, LastDue = dueAt };
        await WriteStateAsync();
    }
}

internal sealed record BenchState(int Fired = 0, DateTimeOffset? LastDue = null);
