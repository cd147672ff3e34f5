using Npgsql;
using NpgsqlTypes;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

// The membership table, stamped and judged by the database's clock.
public sealed partial class PostgresGrainStorage
{
    public async Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO cluster_nodes (node_id, address, version, started_at, status, activations, reminders_claimed, reminders_fired, heartbeat_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
            ON CONFLICT (node_id) DO UPDATE SET address = excluded.address, version = excluded.version,
              started_at = excluded.started_at, status = excluded.status, activations = excluded.activations,
              reminders_claimed = excluded.reminders_claimed, reminders_fired = excluded.reminders_fired,
              heartbeat_at = excluded.heartbeat_at
            """);
        command.Parameters.Add(Text(heartbeat.NodeId));
        command.Parameters.Add(Text(heartbeat.Address));
        command.Parameters.Add(Text(heartbeat.Version));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = heartbeat.StartedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(heartbeat.Status.ToString()));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = heartbeat.Activations });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = heartbeat.RemindersClaimed });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = heartbeat.RemindersFired });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ClusterNodeRecord>> ReadMembershipAsync(TimeSpan deadAfter, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            WITH pruned AS (DELETE FROM cluster_nodes WHERE heartbeat_at < now() - $2)
            SELECT node_id, address, version, started_at, status, activations, reminders_claimed, reminders_fired,
                   heartbeat_at, heartbeat_at < now() - $1
            FROM cluster_nodes ORDER BY node_id
            """);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = deadAfter, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Membership.Retention, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<ClusterNodeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new ClusterNodeRecord(
                new NodeHeartbeat(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    Enum.Parse<NodeStatus>(reader.GetString(4)),
                    reader.GetInt32(5),
                    reader.GetInt64(6),
                    reader.GetInt64(7)),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetBoolean(9)));
        }

        return nodes;
    }

    public async Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        await using var command = _dataSource.CreateCommand("DELETE FROM cluster_nodes WHERE node_id = $1");
        command.Parameters.Add(Text(nodeId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
