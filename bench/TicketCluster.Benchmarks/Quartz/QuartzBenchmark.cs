using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace TicketCluster.Benchmarks.Quartz;

/// <summary>
/// The peer of <see cref="Reminders.ReminderBenchmark"/>: the same schedule (a million one-shot deadlines, the
/// due ones from three seconds after seeding, all at once or spread evenly over a window) on Quartz.NET's
/// clustered AdoJobStore, on the same PostgreSQL server, in a database of its own. Several scheduler
/// instances run in this one process, as TicketCluster's multi-node runs do; they share the store and
/// agree only through it, exactly as they would in separate processes.
/// </summary>
internal static class QuartzBenchmark
{
    public sealed record Result(
        string Scenario, QuartzConfig Config, int Pending, int Due, TimeSpan Cap, double WindowSeconds, long Fired, double FiresPerSecond,
        double LatenessP50Ms, double LatenessP99Ms, double LatenessMaxMs, long Lost, long Duplicated, long StillPending, long MisfireMoved, CpuSample Cpu);

    /// <summary>Seeds the schedule, runs the configuration's schedulers until every due trigger fired or
    /// <paramref name="cap"/> passed since the first due time, and counts the effects.</summary>
    public static async Task<Result> RunAsync(
        string connectionString, string scenario, QuartzConfig config, int pending, int due, TimeSpan spread, TimeSpan cap, CancellationToken cancellationToken = default)
    {
        var time = TimeProvider.System;
        var recorder = new FireRecorder(time, due);
        var schedulers = new List<IScheduler>();
        try
        {
            for (var i = 0; i < config.Schedulers; i++)
            {
                schedulers.Add(await BuildAsync(connectionString, config, $"bench-quartz-{i}", recorder, cancellationToken));
            }

            var firstDue = await QuartzSeed.SeedAsync(connectionString, schedulers[0], time, pending, due, spread, cancellationToken);
            foreach (var scheduler in schedulers)
            {
                await scheduler.Start(cancellationToken);
            }

            // The due insert and its ANALYZE can outlast the three seconds: the rate's window then starts
            // when the schedulers did, so seeding time is not counted against Quartz's rate.
            var windowStart = Max(firstDue, time.GetUtcNow());
            var cpu = CpuSample.Start();
            var capEnd = firstDue + cap;
            var remainingCap = capEnd - time.GetUtcNow();
            var allFired = await Task.WhenAny(recorder.AllDue, Task.Delay(remainingCap > TimeSpan.Zero ? remainingCap : TimeSpan.Zero, time, cancellationToken)) == recorder.AllDue;
            var used = cpu();
            // Fires of jobs still running at the cap complete during the shutdown: they count as
            // effects (not lost, not pending) but not towards the rate.
            var firedInWindow = recorder.Fired;
            foreach (var scheduler in schedulers)
            {
                await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
            }

            var remaining = await QuartzSeed.RemainingAsync(connectionString, 1, due, cancellationToken);
            long fired = 0, lost = 0, duplicated = 0, stillPending = 0;
            for (var key = 1; key <= due; key++)
            {
                var name = key.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (recorder.Counts.TryGetValue(name, out var count))
                {
                    fired++;
                    duplicated += count > 1 ? 1 : 0;
                }
                else if (remaining.Contains(name))
                {
                    stillPending++;
                }
                else
                {
                    lost++;
                }
            }

            // The rate over the window actually used: up to the last fire when everything fired, up
            // to the cap otherwise.
            var windowEnd = allFired ? recorder.LastFired!.Value : capEnd;
            var window = Math.Max((windowEnd - windowStart).TotalSeconds, 0.001);
            var sample = new Percentiles(recorder.LatenessMs);
            return new Result(
                scenario, config, pending, due, cap, window, fired, firedInWindow / window,
                sample[50], sample[99], sample.Max, lost, duplicated, stillPending, recorder.MisfireMoved, used);
        }
        finally
        {
            foreach (var scheduler in schedulers)
            {
                if (scheduler.Status != SchedulerStatus.Shutdown)
                {
                    await scheduler.Shutdown(waitForJobsToComplete: false, CancellationToken.None);
                }
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One clustered scheduler instance on the PostgreSQL store, configured in code.</summary>
    private static async Task<IScheduler> BuildAsync(string connectionString, QuartzConfig config, string instanceId, FireRecorder recorder, CancellationToken cancellationToken)
    {
        return await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = QuartzSeed.SchedulerName;
                o.InstanceId = instanceId;
                if (config.MaxBatchSize is { } batch)
                {
                    o.MaxBatchSize = batch;
                }

                if (config.FireAheadWindow is { } ahead)
                {
                    o.BatchTriggerAcquisitionFireAheadTimeWindow = ahead;
                }
            });
            if (config.ThreadCount is { } threads)
            {
                q.UseDefaultThreadPool(threads);
            }

            q.Services.AddSingleton(recorder);
            q.AddJobType<DeadlineJob>();
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering();
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzSeed.TablePrefix;
                    if (config.MisfireThreshold is { } misfire)
                    {
                        o.MisfireThreshold = misfire;
                    }
                });
            });
        }).BuildScheduler(cancellationToken);
    }
}
