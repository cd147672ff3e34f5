namespace TicketCluster.Silo.Configuration;

/// <summary>The node's Orleans silo (<c>TicketCluster:Orleans</c>): its ports, cluster, failure detection,
/// reminders and sweeper (docs/silo.md, "Hosting").</summary>
public sealed class OrleansSettings
{
    /// <summary>The service id every node of the product shares (Orleans' <c>ClusterOptions.ServiceId</c>):
    /// reminders and membership rows are keyed by it.</summary>
    public const string ServiceId = "ticketcluster";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port for Orleans clients. Default 30000.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The cluster this node joins (<c>ClusterOptions.ClusterId</c>). Default <c>ticketcluster</c>.</summary>
    public string ClusterId { get; init; } = "ticketcluster";

    /// <summary>Takes the silo's name, address and cluster from the pod (<c>UseKubernetesHosting</c>);
    /// PostgreSQL only. Default false.</summary>
    public bool Kubernetes { get; init; }

    /// <summary>How long a liveness probe of another silo waits for its answer at first
    /// (<c>ClusterMembershipOptions.ProbeTimeout</c>, key <c>Membership:ProbeTimeout</c>); Orleans adapts it per
    /// silo between half and four times this. Default 5 s, Orleans' own.</summary>
    public TimeSpan MembershipProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes after which a silo votes the probed silo dead
    /// (<c>ClusterMembershipOptions.NumMissedProbesLimit</c>, key <c>Membership:NumMissedProbesLimit</c>).
    /// Default 3, Orleans' own.</summary>
    public int MembershipNumMissedProbesLimit { get; init; } = 3;

    /// <summary>The smallest reminder period Orleans accepts (<c>ReminderOptions.MinimumReminderPeriod</c>,
    /// whose own default is 1 min). Default 10 s, so that the retry period can be.</summary>
    public TimeSpan RemindersMinimumPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The period of a clock's reminder, that is its retry after a missed tick: a tick its silo missed
    /// (the silo died) fires this long after due at most, once another silo holds the range. Default 10 s;
    /// at least <see cref="RemindersMinimumPeriod"/>.</summary>
    public TimeSpan RemindersRetryPeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most reminder ticks a silo delivers at once (key <c>Reminders:MaxConcurrentDeliveries</c>;
    /// <c>ReminderDeliveryGate</c>); 0 for no bound. Default 256.</summary>
    public int RemindersMaxConcurrentDeliveries { get; init; } = 256;

    /// <summary>The virtual buckets each silo places on Orleans' consistent ring
    /// (<c>ConsistentRingOptions.NumVirtualBucketsConsistentRing</c>, key <c>Reminders:RingBucketsPerSilo</c>).
    /// A silo's reminder service owns the parts of the ring that end at its buckets, so the more buckets, the
    /// closer each silo's share of the reminders is to 1/N, and a backlog drains as fast as its busiest silo
    /// allows (docs/silo.md, "Reminders across silos"). Every silo of a cluster must use the same number: each
    /// places every member's buckets by its own. Default 256 (Orleans' is 30); 1 to 1,024.</summary>
    public int RemindersRingBucketsPerSilo { get; init; } = 256;

    /// <summary>Time between the sweeper's reads of overdue tickets. Default 30 s.</summary>
    public TimeSpan SweeperPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How overdue a tick or an owed event must be before the sweeper pokes its ticket. Default 90 s;
    /// must exceed <see cref="RemindersRetryPeriod"/>.</summary>
    public TimeSpan SweeperGrace { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a grain stays active with nothing to do (<c>GrainCollectionOptions.CollectionAge</c>,
    /// key <c>GrainCollection:CollectionAge</c>). Default 15 min; longer than Orleans' collection quantum
    /// (1 min).</summary>
    public TimeSpan CollectionAge { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Deactivates the oldest idle grains when the process's memory passes
    /// <see cref="MemoryUsageLimitPercentage"/> (<c>EnableActivationSheddingOnMemoryPressure</c>, key
    /// <c>GrainCollection:ActivationShedding</c>). Default true.</summary>
    public bool ActivationShedding { get; init; } = true;

    /// <summary>Memory use, in percent of what the process may use, at which shedding starts. Default 80.</summary>
    public int MemoryUsageLimitPercentage { get; init; } = 80;

    /// <summary>Memory use shedding brings the process back to; below the limit. Default 75.</summary>
    public int MemoryUsageTargetPercentage { get; init; } = 75;

    /// <summary>How often the memory use is compared with the limit (<c>GrainCollectionOptions.MemoryUsagePollingPeriod</c>,
    /// key <c>GrainCollection:MemoryUsagePollingPeriod</c>): what a silo activates in one period is the headroom the
    /// limit needs. Default 1 s (Orleans' is 5 s: a node that activates a few thousand tickets a second outruns a
    /// 5 s poll under a 1 GiB limit); 1 s to 1 min.</summary>
    public TimeSpan MemoryUsagePollingPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most grain locations the silo's grain directory cache holds (<c>GrainDirectoryOptions.CacheSize</c>,
    /// key <c>GrainDirectory:CacheSize</c>); 0 for no cache. Orleans keeps an entry for every grain the silo has
    /// called or hosted, also after the grain was deactivated, until the cache is full (Orleans' size is 1,000,000:
    /// about 490 MB of heap, which shedding activations does not free). Default 100,000 (about 50 MB); 0 to
    /// 10,000,000.</summary>
    public int GrainDirectoryCacheSize { get; init; } = 100_000;

    internal IEnumerable<string> Validate(string prefix)
    {
        if (GrainDirectoryCacheSize is < 0 or > 10_000_000)
        {
            yield return $"{prefix}:GrainDirectory:CacheSize must lie between 0 and 10000000.";
        }

        var collection = $"{prefix}:GrainCollection";
        if (CollectionAge <= TimeSpan.FromMinutes(1))
        {
            yield return $"{collection}:{nameof(CollectionAge)} must be longer than 00:01:00 (Orleans' collection quantum).";
        }

        if (MemoryUsageLimitPercentage is < 1 or > 100)
        {
            yield return $"{collection}:{nameof(MemoryUsageLimitPercentage)} must lie between 1 and 100.";
        }

        if (MemoryUsageTargetPercentage < 1 || MemoryUsageTargetPercentage >= MemoryUsageLimitPercentage)
        {
            yield return $"{collection}:{nameof(MemoryUsageTargetPercentage)} must lie between 1 and {collection}:{nameof(MemoryUsageLimitPercentage)} (excluded).";
        }

        if (MemoryUsagePollingPeriod < TimeSpan.FromSeconds(1) || MemoryUsagePollingPeriod > TimeSpan.FromMinutes(1))
        {
            yield return $"{collection}:{nameof(MemoryUsagePollingPeriod)} must lie between 00:00:01 and 00:01:00.";
        }

        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                yield return $"{prefix}:{name} must lie between 1 and 65535.";
            }
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"{prefix}:{nameof(GatewayPort)} must differ from {prefix}:{nameof(SiloPort)}.";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 150)
        {
            yield return $"{prefix}:{nameof(ClusterId)} must be 1 to 150 characters.";
        }

        var membership = $"{prefix}:Membership";
        if (MembershipProbeTimeout < TimeSpan.FromSeconds(1) || MembershipProbeTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{membership}:ProbeTimeout must lie between 00:00:01 and 00:01:00.";
        }

        if (MembershipNumMissedProbesLimit is < 1 or > 10)
        {
            yield return $"{membership}:NumMissedProbesLimit must lie between 1 and 10.";
        }

        if (RemindersMinimumPeriod <= TimeSpan.Zero)
        {
            yield return $"{prefix}:Reminders:MinimumPeriod must be positive.";
        }

        if (RemindersMaxConcurrentDeliveries < 0)
        {
            yield return $"{prefix}:Reminders:MaxConcurrentDeliveries must be 0 (no bound) or more.";
        }

        if (RemindersRingBucketsPerSilo is < 1 or > 1024)
        {
            yield return $"{prefix}:Reminders:RingBucketsPerSilo must lie between 1 and 1024.";
        }

        if (RemindersRetryPeriod < RemindersMinimumPeriod)
        {
            yield return $"{prefix}:Reminders:RetryPeriod must be at least {prefix}:Reminders:MinimumPeriod.";
        }

        if (SweeperPeriod <= TimeSpan.Zero)
        {
            yield return $"{prefix}:Sweeper:Period must be positive.";
        }

        if (SweeperGrace <= RemindersRetryPeriod)
        {
            yield return $"{prefix}:Sweeper:Grace must be longer than {prefix}:Reminders:RetryPeriod.";
        }
    }
}
