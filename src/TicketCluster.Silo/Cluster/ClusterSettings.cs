namespace TicketCluster.Silo.Cluster;

/// <summary>The membership heartbeat (<c>TicketCluster:Cluster</c>). Membership is for visibility only:
/// who may fire a reminder is decided by its lease in the database, never by this table.</summary>
public sealed class ClusterSettings
{
    /// <summary>How often a node writes its heartbeat. Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node silent this long is shown as dead. Default 30 s; must exceed the interval.</summary>
    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The address shown for this node; by default the first address Kestrel listens on.</summary>
    public string? AdvertisedAddress { get; init; }

    internal IEnumerable<string> Validate(string prefix)
    {
        if (HeartbeatInterval <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(HeartbeatInterval)} must be positive.";
        }

        if (DeadAfter <= HeartbeatInterval)
        {
            yield return $"{prefix}:{nameof(DeadAfter)} must be longer than {prefix}:{nameof(HeartbeatInterval)}.";
        }
    }
}
