using TicketCluster.LoadGen.Mix;
using TicketCluster.LoadGen.Schedule;

namespace TicketCluster.LoadGen.Running;

/// <summary>What a run plays. Defaults are in <see cref="Cli.LoadGenCommand"/>, where the options are.</summary>
public sealed record LoadOptions(
    IReadOnlyList<Uri> Urls,
    double Rate,
    TimeSpan Duration,
    LoadProfile Profile,
    int Seed,
    int MaxInFlight,
    bool FollowUps,
    TimeSpan MeanThinkTime,
    LoadMix Mix,
    TimeSpan RequestTimeout,
    TimeSpan DrainTimeout,
    int ClusterSample);
