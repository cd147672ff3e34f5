using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using TicketCluster.Benchmarks.ScaleOut;

namespace TicketCluster.Benchmarks.Reminders;

/// <summary>
/// Orleans' reminder service (the node's reminder table on PostgreSQL, or Orleans' stock ADO.NET table on the same
/// rows) firing a large pending set: <c>pending</c>
/// reminders in the table, <c>due</c> of them falling due (all at once before the silo starts, the backlog
/// a silo finds after an outage, or spread evenly over a window that begins <see cref="SteadyLead"/> after
/// the seed begins, once the silo has started) and the rest 30 days ahead. The silo starts after the seed, reads
/// its ring range at start, and holds the reminders due within
/// <see cref="ReminderOptions.ReminderLoadingWindow"/> in memory. Each firing is a grain turn that writes
/// the grain's state through the project's provider and unregisters the reminder, as a ticket does with a
/// handled one-shot tick. The rate runs from the first firing to the due-th, the last unless a tick fired twice (a tick that fell due while no
/// silo held it fires at the next point of its period grid, one period after due: the backlog's lateness
/// shows that wait, its rate the drain); lateness is fired − due; lost and duplicated are counted from
/// the grains' states; CPU is sampled from the first firing to the due-th. The working set is this process's, sampled while the silo fires, against the same
/// process just before the silo started. With <c>silos</c> above one, that many silos in this process form one
/// cluster (one cluster id) and share the reminders by ring range; each silo's turns send their notification
/// through a sender of the silo's own (<c>notification</c>, called once per silo); <c>more</c> configures each silo further.
/// </summary>
internal static class ReminderBenchmark
{
    /// <summary>How long after the seed begins a spread schedule begins: longer than the copy of the
    /// <paramref name="pending"/> rows and a silo's start on a busy machine.</summary>
    public static TimeSpan SteadyLead(int pending) => TimeSpan.FromSeconds(20 + (pending / 50_000));

    /// <summary>A silo's share of a drain: the due reminders in its ring range at the drain's end (the reminder
    /// service fires those), and the turns that ran on it (where their grains were placed).</summary>
    public readonly record struct SiloShare(int DueOwned, int Turns);

    public sealed record Result(
        string Scenario, int Pending, int Due, TimeSpan Spread, double FiresPerSecond, double LatenessP50Ms, double LatenessP99Ms, double LatenessMaxMs,
        long Lost, long Duplicated, long WorkingSetBeforeBytes, long WorkingSetPeakBytes, double SeedSeconds, CpuSample Cpu,
        int Silos, IReadOnlyList<ReminderBenchmark.SiloShare> BySilo, long DueRowsLeft)
    {
        /// <summary>CPU time per fire, silo and server together, in milliseconds.</summary>
        public double CpuMsPerFire => 1000 * (Cpu.AppCores + Cpu.PostgresCores) / FiresPerSecond;

        /// <summary>The working set the firing added, per due reminder.</summary>
        public double AddedBytesPerDue => (double)(WorkingSetPeakBytes - WorkingSetBeforeBytes) / Due;
    }

    public static async Task<Result> RunAsync(
        string database, string scenario, int pending, int due, TimeSpan spread, bool stockReminders = false, int silos = 1, Func<NotificationSend>? notification = null, Action<ISiloBuilder>? more = null,
        TimeSpan? period = null, CancellationToken cancellationToken = default)
    {
        var rows = new ReminderRows(database);
        await rows.ResetAsync(cancellationToken);
        var seeding = Stopwatch.StartNew();
        var grid = period ?? BenchSilo.RetryPeriod;
        var format = await rows.LearnFormatAsync(grid, cancellationToken);
        var firstDue = await rows.SeedAsync(format, pending, due, spread == TimeSpan.Zero ? TimeSpan.Zero : SteadyLead(pending), spread, cancellationToken);
        var seedSeconds = seeding.Elapsed.TotalSeconds;

        var recorder = new FireRecorder(due);
        using var self = Process.GetCurrentProcess();
        GC.Collect();
        self.Refresh();
        var before = self.WorkingSet64;
        var peak = before;
        CpuSample used;
        DateTimeOffset started;
        var bySilo = new List<SiloShare>();
        var senders = Enumerable.Range(0, silos).Select(_ => notification?.Invoke() ?? NotificationSend.None).ToList();
        try
        {
            await using var cluster = await BenchCluster.StartPostgresAsync(
                database,
                silos,
                i => s =>
                {
                    s.Services.AddSingleton(recorder).AddSingleton(senders[i]);
                    more?.Invoke(s);
                },
                stockReminders);
            started = TimeProvider.System.GetUtcNow();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    self.Refresh();
                    peak = Math.Max(peak, self.WorkingSet64);
                    await Task.Delay(100, CancellationToken.None);
                }
            }, CancellationToken.None);
            // CPU is sampled over the drain alone (first firing to last), not the wait for the period grid before it.
            await recorder.FirstFiredTask.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            var cpu = CpuSample.Start();
            await recorder.AllFired.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            used = cpu();
            bySilo.AddRange(cluster.Silos.Select(silo => new SiloShare(DueOwned(silo, due), recorder.TurnsOn(silo.Address))));
            await sampling.CancelAsync();
            await sampler;
        }
        finally
        {
            senders.ForEach(s => s.Dispose());
        }

        var (lost, duplicated) = await rows.CountEffectsAsync(due, cancellationToken);
        var rowsLeft = await rows.CountDueRowsLeftAsync(cancellationToken);
        if (spread > TimeSpan.Zero && started > firstDue)
        {
            Console.WriteLine($"  the silo started {(started - firstDue).TotalSeconds:F1} s after the first due time: those ticks waited for their next period");
        }

        if (silos > 1 && spread == TimeSpan.Zero && started > firstDue + grid)
        {
            Console.WriteLine($"  the last of {silos} silos started {(started - firstDue).TotalSeconds:F1} s after the due time, past the period grid's first point: the drain began before the cluster was whole");
        }

        var window = Math.Max((recorder.DueFired - recorder.FirstFired).TotalSeconds, 0.001);
        var lateness = new Percentiles(recorder.LatenessMs);
        return new Result(scenario, pending, due, spread, due / window, lateness[50], lateness[99], lateness.Max, lost, duplicated, before, peak, seedSeconds, used, silos, bySilo, rowsLeft);
    }

    /// <summary>The silo's ring provider, whose range its reminder service loads. Orleans keeps the interface internal,
    /// so it is found by name; the range it returns is the public <see cref="IRingRange"/>.</summary>
    private static readonly Type RingProvider =
        Type.GetType("Orleans.Runtime.ConsistentRing.IConsistentRingProvider, Orleans.Runtime", throwOnError: true)!;

    /// <summary>How many of the due keys (1..<paramref name="due"/>) fall in <paramref name="silo"/>'s ring range now.</summary>
    private static int DueOwned(BenchSilo silo, int due)
    {
        var ring = silo.Services.GetRequiredService(RingProvider);
        var range = (IRingRange)RingProvider.GetMethod("GetMyRange")!.Invoke(ring, null)!;
        return Enumerable.Range(1, due).Count(i => range.InRange(GrainId.Create(ReminderRows.GrainType, i.ToString(CultureInfo.InvariantCulture))));
    }
}
