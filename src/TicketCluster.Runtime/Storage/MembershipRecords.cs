namespace TicketCluster.Runtime.Storage;

/// <summary>What a node reports about itself on each heartbeat. The storage stamps the time of the
/// heartbeat with its own clock (the database's, where there is one), so nodes with skewed clocks are
/// judged alike.</summary>
public sealed record NodeHeartbeat(
    string NodeId,
    string Address,
    string Version,
    DateTimeOffset StartedAt,
    NodeStatus Status,
    int Activations,
    long RemindersClaimed,
    long RemindersFired);

/// <summary>How a node last described itself.</summary>
public enum NodeStatus
{
    Active,
    Draining,
}

/// <summary>A row of the membership table as read, with the storage's judgement of whether the node has
/// missed its heartbeats (<see cref="Expired"/>).</summary>
public sealed record ClusterNodeRecord(NodeHeartbeat Node, DateTimeOffset LastHeartbeat, bool Expired);

/// <summary>A node's counts since it started: activations in its catalog now, reminders it claimed and
/// reminder turns it committed.</summary>
public readonly record struct NodeCounts(int Activations, long RemindersClaimed, long RemindersFired);
