using Quartz;

namespace TicketCluster.Benchmarks.Quartz;

/// <summary>
/// One configuration of the Quartz.NET peer: how many clustered scheduler instances share the store,
/// and whether Quartz runs with its defaults or with the settings that let it fire fastest here. A
/// null setting leaves Quartz's own default in place (the builder is not told anything).
/// </summary>
internal sealed record QuartzConfig(
    string Name, int Schedulers, int? ThreadCount, int? MaxBatchSize, TimeSpan? FireAheadWindow, TimeSpan? MisfireThreshold)
{
    /// <summary>Quartz as it comes: 10 worker threads, one trigger acquired per round (a batch size
    /// of 0 means one), no fire-ahead window, a 60 s misfire threshold.</summary>
    public static QuartzConfig Defaults(int schedulers) => new("defaults", schedulers, null, null, null, null);

    /// <summary>
    /// The fairest tuned configuration found on this machine:
    /// <list type="bullet">
    /// <item>64 worker threads: the job itself is trivial, so a thread spends its time waiting on the
    /// database (the fire and the completion are round trips each); more threads keep more of those
    /// round trips in flight, and the server's two cores are the bound well before 64.</item>
    /// <item>MaxBatchSize 64, as large as the thread pool allows (a round never acquires more
    /// triggers than the pool has free threads, so a larger setting would be cut to 64): one
    /// acquisition round claims up to 64 due triggers and marks them fired in one transaction
    /// instead of one per trigger. With batches to match, 16 threads fired slower here and 128 no faster.</item>
    /// <item>A 100 ms batch fire-ahead window: a round also takes triggers due within the next 100 ms,
    /// so batches fill when due times are spread; a trigger can then fire up to 100 ms early
    /// (negative lateness), which the lateness columns show.</item>
    /// <item>A 10 minute misfire threshold, above every run's time cap: with the default 60 s a
    /// trigger more than a minute late leaves the batched acquisition path and waits for the misfire
    /// handler (20 triggers per pass), which resets its fire time to now. Deadlines of a ticket
    /// system must fire late rather than be re-planned, so the tuned peer keeps them on the fast path.</item>
    /// </list>
    /// </summary>
    public static QuartzConfig Tuned(int schedulers) =>
        new("tuned", schedulers, 64, 64, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));

    /// <summary>The effective settings, Quartz's defaults filled in, for the report.</summary>
    public string Describe()
    {
        var threads = ThreadCount ?? new ThreadPoolOptions().MaxConcurrency;
        var batch = MaxBatchSize ?? new QuartzSchedulerOptions().MaxBatchSize;
        var ahead = FireAheadWindow ?? new QuartzSchedulerOptions().BatchTriggerAcquisitionFireAheadTimeWindow;
        var misfire = MisfireThreshold ?? new AdoJobStoreOptions().MisfireThreshold;
        return $"{threads} threads, batch {Math.Max(batch, 1)}, fire-ahead {ahead.TotalMilliseconds:F0} ms, misfire threshold {misfire.TotalSeconds:F0} s";
    }
}
