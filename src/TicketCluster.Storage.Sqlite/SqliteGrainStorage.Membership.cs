using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

// The membership table. One node uses an embedded database, so its own clock is the storage's.
public sealed partial class SqliteGrainStorage
{
    public Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return WithWriterAsync(
            connection =>
            {
                using var command = Command(
                    connection,
                    null,
                    """
                    INSERT INTO cluster_nodes (node_id, address, version, started_at, status, activations, reminders_claimed, reminders_fired, heartbeat_at)
                    VALUES ($node, $address, $version, $started, $status, $activations, $claimed, $fired, $now)
                    ON CONFLICT (node_id) DO UPDATE SET address = excluded.address, version = excluded.version,
                      started_at = excluded.started_at, status = excluded.status, activations = excluded.activations,
                      reminders_claimed = excluded.reminders_claimed, reminders_fired = excluded.reminders_fired,
                      heartbeat_at = excluded.heartbeat_at
                    """,
                    ("$node", heartbeat.NodeId),
                    ("$address", heartbeat.Address),
                    ("$version", heartbeat.Version),
                    ("$started", SqliteTime.ToTicks(heartbeat.StartedAt)),
                    ("$status", heartbeat.Status.ToString()),
                    ("$activations", heartbeat.Activations),
                    ("$claimed", heartbeat.RemindersClaimed),
                    ("$fired", heartbeat.RemindersFired),
                    ("$now", SqliteTime.ToTicks(_time.GetUtcNow())));
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<ClusterNodeRecord>> ReadMembershipAsync(TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await WithWriterAsync(
            connection =>
            {
                using var prune = Command(connection, null, "DELETE FROM cluster_nodes WHERE heartbeat_at < $cutoff", ("$cutoff", SqliteTime.ToTicks(now - Membership.Retention)));
                prune.ExecuteNonQuery();
            },
            cancellationToken);

        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            "SELECT node_id, address, version, started_at, status, activations, reminders_claimed, reminders_fired, heartbeat_at FROM cluster_nodes ORDER BY node_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<ClusterNodeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var at = SqliteTime.FromTicks(reader.GetInt64(8));
            nodes.Add(new ClusterNodeRecord(
                new NodeHeartbeat(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    SqliteTime.FromTicks(reader.GetInt64(3)),
                    Enum.Parse<NodeStatus>(reader.GetString(4)),
                    reader.GetInt32(5),
                    reader.GetInt64(6),
                    reader.GetInt64(7)),
                at,
                at < now - deadAfter));
        }

        return nodes;
    }

    public Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        return WithWriterAsync(
            connection =>
            {
                using var command = Command(connection, null, "DELETE FROM cluster_nodes WHERE node_id = $node", ("$node", nodeId));
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }
}
