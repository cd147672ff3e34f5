using Microsoft.Data.Sqlite;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Storage.Sqlite.State;

/// <summary>
/// The statements of the SQLite grain storage provider's writes, on the writer connection: a batch is one
/// <c>BEGIN IMMEDIATE</c> transaction with a <c>SAVEPOINT</c> per write, rolled back to when the write's
/// version or one of its keys is refused, so a refused write leaves no trace and the others commit.
/// </summary>
internal static class SqliteStateWrites
{
    public static IReadOnlyList<StateWriteResult> Execute(SqliteConnection connection, IReadOnlyList<StateWrite> writes, long nowTicks)
    {
        var results = new StateWriteResult[writes.Count];
        using var transaction = connection.BeginTransaction(deferred: false);
        for (var i = 0; i < writes.Count; i++)
        {
            transaction.Save("tc_state_write");
            results[i] = Apply(connection, transaction, writes[i], nowTicks);
            if (results[i].Status != StateWriteStatus.Committed)
            {
                transaction.Rollback("tc_state_write");
                results[i] = results[i] with { Version = StoredVersion(connection, transaction, writes[i].GrainType, writes[i].GrainKey) };
            }

            transaction.Release("tc_state_write");
        }

        transaction.Commit();
        return results;
    }

    /// <summary>Deletes the row at <paramref name="expected"/> and then the ticket's query row; answers
    /// whether it deleted and the version found (0: no row).</summary>
    public static (bool Deleted, long StoredVersion) Delete(SqliteConnection c, string grainType, string grainKey, long expected, string? ticketId)
    {
        using var transaction = c.BeginTransaction(deferred: false);
        var stored = StoredVersion(c, transaction, grainType, grainKey);
        var deleted = stored == expected && stored != 0;
        if (deleted)
        {
            using (var delete = SqliteCommands.Command(c, transaction, "DELETE FROM grain_state WHERE grain_type = $type AND grain_key = $key", ("$type", grainType), ("$key", grainKey)))
            {
                delete.ExecuteNonQuery();
            }

            if (ticketId is not null)
            {
                using var row = SqliteCommands.Command(c, transaction, "DELETE FROM ticket_query WHERE ticket_id = $id", ("$id", ticketId));
                row.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return (deleted, stored);
    }

    private static StateWriteResult Apply(SqliteConnection c, SqliteTransaction t, StateWrite write, long nowTicks)
    {
        using (var command = write.ExpectedVersion == 0
            ? SqliteCommands.Command(c, t, "INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at) VALUES ($type, $key, 1, $state, $now) ON CONFLICT DO NOTHING", ("$type", write.GrainType), ("$key", write.GrainKey), ("$state", write.State.ToArray()), ("$now", nowTicks))
            : SqliteCommands.Command(c, t, "UPDATE grain_state SET version = version + 1, state = $state, updated_at = $now WHERE grain_type = $type AND grain_key = $key AND version = $expected", ("$type", write.GrainType), ("$key", write.GrainKey), ("$state", write.State.ToArray()), ("$now", nowTicks), ("$expected", write.ExpectedVersion)))
        {
            if (command.ExecuteNonQuery() != 1)
            {
                return new StateWriteResult(StateWriteStatus.VersionConflict, 0);
            }
        }

        if (write.Extras is { } extras)
        {
            foreach (var key in extras.KeysToRecord)
            {
                if (RecordKey(c, t, write, key, nowTicks) is { } owner)
                {
                    return new StateWriteResult(StateWriteStatus.DuplicateKey, 0, owner.Type, owner.Key, key);
                }
            }

            UpsertQueryRow(c, t, extras.QueryRow);
        }

        return new StateWriteResult(StateWriteStatus.Committed, write.ExpectedVersion + 1);
    }

    /// <summary>Records the key for the writing grain; answers the other grain that owns it, or null
    /// when it is now (or already was) the writer's.</summary>
    private static (string Type, string Key)? RecordKey(SqliteConnection c, SqliteTransaction t, StateWrite write, IdempotencyRecord key, long nowTicks)
    {
        using (var insert = SqliteCommands.Command(c, t, "INSERT INTO idempotency (scope, key, owner_type, owner_key, created_at) VALUES ($scope, $key, $type, $owner, $now) ON CONFLICT DO NOTHING", ("$scope", key.Scope), ("$key", key.Key), ("$type", write.GrainType), ("$owner", write.GrainKey), ("$now", nowTicks)))
        {
            if (insert.ExecuteNonQuery() == 1)
            {
                return null;
            }
        }

        using var find = SqliteCommands.Command(c, t, "SELECT owner_type, owner_key FROM idempotency WHERE scope = $scope AND key = $key", ("$scope", key.Scope), ("$key", key.Key));
        using var reader = find.ExecuteReader();
        reader.Read();
        var owner = (reader.GetString(0), reader.GetString(1));
        return owner == (write.GrainType, write.GrainKey) ? null : owner;
    }

    /// <summary>Inserts or replaces the ticket's query row.</summary>
    public static void UpsertQueryRow(SqliteConnection c, SqliteTransaction t, TicketQueryRow row)
    {
        using var command = SqliteCommands.Command(
            c,
            t,
            """
            INSERT INTO ticket_query (ticket_id, status, severity, category, channel, customer_id, merchant_id, order_id,
              department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at,
              acknowledged_at, satisfaction_score, clocks_met, clocks_breached, outcome, next_tick_at, events_pending_since)
            VALUES ($id, $status, $severity, $category, $channel, $customer, $merchant, $order, $department, $assignee,
              $escalation, $deadline, $created, $updated, $resolved, $acknowledged, $satisfaction, $met, $breached, $outcome,
              $next_tick, $pending_since)
            ON CONFLICT (ticket_id) DO UPDATE
            SET status = excluded.status, severity = excluded.severity, category = excluded.category, channel = excluded.channel,
                customer_id = excluded.customer_id, merchant_id = excluded.merchant_id, order_id = excluded.order_id,
                department = excluded.department, assignee = excluded.assignee, escalation_level = excluded.escalation_level,
                next_deadline = excluded.next_deadline, created_at = excluded.created_at, updated_at = excluded.updated_at,
                resolved_at = excluded.resolved_at, acknowledged_at = excluded.acknowledged_at,
                satisfaction_score = excluded.satisfaction_score, clocks_met = excluded.clocks_met,
                clocks_breached = excluded.clocks_breached, outcome = excluded.outcome,
                next_tick_at = excluded.next_tick_at, events_pending_since = excluded.events_pending_since
            """,
            ("$id", row.TicketId),
            ("$status", row.Status),
            ("$severity", row.Severity),
            ("$category", row.Category),
            ("$channel", row.Channel),
            ("$customer", row.CustomerId),
            ("$merchant", row.MerchantId),
            ("$order", row.OrderId),
            ("$department", row.Department),
            ("$assignee", row.Assignee),
            ("$escalation", row.EscalationLevel),
            ("$deadline", Ticks(row.NextDeadline)),
            ("$created", SqliteTime.ToTicks(row.CreatedAt)),
            ("$updated", SqliteTime.ToTicks(row.UpdatedAt)),
            ("$resolved", Ticks(row.ResolvedAt)),
            ("$acknowledged", Ticks(row.AcknowledgedAt)),
            ("$satisfaction", row.SatisfactionScore),
            ("$met", row.ClocksMet),
            ("$breached", row.ClocksBreached),
            ("$outcome", row.Outcome),
            ("$next_tick", Ticks(row.NextTickAt)),
            ("$pending_since", Ticks(row.EventsPendingSince)));
        command.ExecuteNonQuery();
    }

    public static long StoredVersion(SqliteConnection c, SqliteTransaction t, string grainType, string grainKey)
    {
        using var command = SqliteCommands.Command(c, t, "SELECT version FROM grain_state WHERE grain_type = $type AND grain_key = $key", ("$type", grainType), ("$key", grainKey));
        return command.ExecuteScalar() is long version ? version : 0;
    }

    private static long? Ticks(DateTimeOffset? value) => value is { } time ? SqliteTime.ToTicks(time) : null;
}
