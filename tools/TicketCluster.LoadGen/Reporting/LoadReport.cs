namespace TicketCluster.LoadGen.Reporting;

/// <summary>The final report of a run, written as JSON and markdown.</summary>
public sealed record LoadReport(
    RunSection Run,
    RequestSection Requests,
    LatencySection Latency,
    LatencySection IntakeLatency,
    LatencySection CommandLatency,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> ShedBySeverity,
    GeneratorSection Generator,
    TicketSection Tickets,
    ClusterSection Cluster);

public sealed record RunSection(
    DateTimeOffset StartedAt,
    string Profile,
    double TargetRate,
    double DurationSeconds,
    double ElapsedSeconds,
    IReadOnlyList<string> Urls,
    int Seed,
    int MaxInFlight,
    bool FollowUps);

/// <summary>Offered: requests whose intended time came (intakes and follow-ups). Sent: those that left
/// the generator. Succeeded: answered 2xx. Rates are per second of the planned duration; the intake rates
/// compare with the target rate of the profile.</summary>
public sealed record RequestSection(
    long IntakesOffered,
    long IntakesSucceeded,
    double IntakeOfferedRate,
    double IntakeAchievedRate,
    long Offered,
    long Sent,
    long Succeeded,
    long Failed,
    long DroppedAtGenerator,
    long FollowUpsNotSent,
    double OfferedRate,
    double AchievedRate);

/// <summary>Milliseconds from the intended send time to the answer, of the requests that succeeded.</summary>
public sealed record LatencySection(long Count, double P50, double P90, double P99, double P999, double Max);

/// <summary>Errors of the generator itself (not the cluster's answers): should be zero.</summary>
public sealed record GeneratorSection(long Errors, IReadOnlyList<string> Samples);

/// <summary>Tickets as the run saw them: created, merged and replayed intakes, resolved tickets, and the
/// distinct clocks seen breached in answers.</summary>
public sealed record TicketSection(long Created, long Merged, long Replayed, long Resolved, long Open, long DeadlinesBreached);

/// <summary>From the cluster's own record (see <see cref="ClusterSweep"/>).</summary>
public sealed record ClusterSection(
    long TicketsRead,
    long ReadFailures,
    long SlaBreaches,
    IReadOnlyDictionary<string, long> SlaBreachesByClock,
    IReadOnlyDictionary<string, long> SlaBreachesBySeverity,
    double? ReminderLatenessP99Ms,
    string Note);
