using TicketCluster.LoadGen.Measurement;
using TicketCluster.LoadGen.Mix;
using TicketCluster.LoadGen.Running;

namespace TicketCluster.LoadGen.Reporting;

/// <summary>Builds the report from a run's counters.</summary>
public static class ReportBuilder
{
    public static LoadReport Build(LoadOptions options, LoadStats stats, DateTimeOffset startedAt, TimeSpan elapsed, ClusterSection cluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stats);
        var seconds = options.Duration.TotalSeconds;
        return new LoadReport(
            new RunSection(
                startedAt,
                LoadMix.NameOf(options.Profile),
                options.Rate,
                seconds,
                elapsed.TotalSeconds,
                [.. options.Urls.Select(u => u.ToString())],
                options.Seed,
                options.MaxInFlight,
                options.FollowUps),
            new RequestSection(
                stats.IntakesOffered,
                stats.IntakesSucceeded,
                stats.IntakesOffered / seconds,
                stats.IntakesSucceeded / seconds,
                stats.Offered,
                stats.Sent,
                stats.Succeeded,
                stats.ErrorCount,
                stats.DroppedAtGenerator,
                stats.FollowUpsNotSent,
                stats.Offered / seconds,
                stats.Succeeded / seconds),
            Latency(stats.Latency),
            Latency(stats.IntakeLatency),
            Latency(stats.CommandLatency),
            stats.Errors,
            stats.ShedBySeverity,
            new GeneratorSection(stats.GeneratorErrors, stats.GeneratorErrorSamples),
            new TicketSection(
                stats.TicketsCreated,
                stats.IntakesMerged,
                stats.IntakesReplayed,
                stats.TicketsResolved,
                stats.TicketsCreated - stats.TicketsResolved,
                stats.DeadlinesBreached),
            cluster);
    }

    public static LatencySection Latency(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
        return histogram.Count == 0
            ? new LatencySection(0, 0, 0, 0, 0, 0)
            : new LatencySection(
                histogram.Count,
                Ms(histogram.ValueAtPercentile(50)),
                Ms(histogram.ValueAtPercentile(90)),
                Ms(histogram.ValueAtPercentile(99)),
                Ms(histogram.ValueAtPercentile(99.9)),
                Ms(histogram.Max));
    }
}
