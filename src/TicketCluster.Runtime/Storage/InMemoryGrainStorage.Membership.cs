namespace TicketCluster.Runtime.Storage;

// The membership table, on the storage's clock.
public sealed partial class InMemoryGrainStorage
{
    public Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            _data.Members[heartbeat.NodeId] = (heartbeat, _timeProvider.GetUtcNow());
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<ClusterNodeRecord>> ReadMembershipAsync(TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            foreach (var gone in _data.Members.Where(m => m.Value.At < now - Membership.Retention).Select(m => m.Key).ToList())
            {
                _data.Members.Remove(gone);
            }

            IReadOnlyList<ClusterNodeRecord> nodes =
            [
                .. _data.Members.Values
                    .OrderBy(m => m.Node.NodeId, StringComparer.Ordinal)
                    .Select(m => new ClusterNodeRecord(m.Node, m.At, m.At < now - deadAfter)),
            ];
            return Task.FromResult(nodes);
        }
    }

    public Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            _data.Members.Remove(nodeId);
            return Task.CompletedTask;
        }
    }

    private sealed partial class Data
    {
        public Dictionary<string, (NodeHeartbeat Node, DateTimeOffset At)> Members { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Rules of the membership table shared by every storage.</summary>
public static class Membership
{
    /// <summary>Rows of nodes silent for longer than this are removed on read.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);
}
