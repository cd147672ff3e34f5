using Microsoft.Data.Sqlite;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

public sealed partial class SqliteGrainStorage
{
    /// <summary>
    /// One transaction on the writer connection; each write inside a SAVEPOINT that is rolled back
    /// when one of its checks fails, so a failed write leaves no trace and the others commit. Writes
    /// run in the given order.
    /// </summary>
    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            Validate(write);
        }

        if (writes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<WriteResult>>([]);
        }

        return WithWriterAsync<IReadOnlyList<WriteResult>>(
            connection =>
            {
                var now = _time.GetUtcNow();
                var results = new WriteResult[writes.Count];
                using var transaction = connection.BeginTransaction(deferred: false);
                for (var i = 0; i < writes.Count; i++)
                {
                    transaction.Save("tc_write");
                    results[i] = Apply(connection, transaction, writes[i], now);
                    if (!results[i].IsCommitted)
                    {
                        transaction.Rollback("tc_write");
                    }

                    transaction.Release("tc_write");
                }

                transaction.Commit();
                return results;
            },
            cancellationToken);
    }

    private static WriteResult Apply(SqliteConnection c, SqliteTransaction t, GrainWrite write, DateTimeOffset now)
    {
        var grain = write.Grain;
        var nowTicks = SqliteTime.ToTicks(now);
        long version;
        if (write.State is not null)
        {
            using var command = write.ExpectedVersion == 0
                ? Command(c, t, "INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at) VALUES ($type, $key, 1, $state, $now) ON CONFLICT DO NOTHING", ("$type", grain.Type), ("$key", grain.Key), ("$state", write.State), ("$now", nowTicks))
                : Command(c, t, "UPDATE grain_state SET version = version + 1, state = $state, updated_at = $now WHERE grain_type = $type AND grain_key = $key AND version = $expected", ("$type", grain.Type), ("$key", grain.Key), ("$state", write.State), ("$now", nowTicks), ("$expected", write.ExpectedVersion));
            if (command.ExecuteNonQuery() != 1)
            {
                return new WriteResult(WriteStatus.VersionConflict, StoredVersion(c, t, grain));
            }

            version = write.ExpectedVersion + 1;
        }
        else
        {
            version = StoredVersion(c, t, grain);
        }

        // What a failed check below reports: the savepoint's rollback restores the version found.
        var heldVersion = write.State is null ? version : write.ExpectedVersion;
        ReminderRow? completed = null;
        if (write.CompletedReminder is { } completion)
        {
            completed = FindReminder(c, t, grain, completion.Name);
            if (completed is null || completed.Value.Fence != completion.Fence)
            {
                return new WriteResult(WriteStatus.FenceLost, heldVersion);
            }
        }

        foreach (var key in write.IdempotencyKeys)
        {
            using var insert = Command(c, t, "INSERT INTO idempotency (scope, key, owner_type, owner_key, created_at) VALUES ($scope, $key, $type, $gkey, $now) ON CONFLICT DO NOTHING", ("$scope", key.Scope), ("$key", key.Key), ("$type", grain.Type), ("$gkey", grain.Key), ("$now", nowTicks));
            if (insert.ExecuteNonQuery() == 0)
            {
                using var owner = Command(c, t, "SELECT owner_type, owner_key FROM idempotency WHERE scope = $scope AND key = $key", ("$scope", key.Scope), ("$key", key.Key));
                using var reader = owner.ExecuteReader();
                reader.Read();
                return new WriteResult(WriteStatus.DuplicateKey, heldVersion, new GrainId(reader.GetString(0), reader.GetString(1)));
            }
        }

        if (completed is { } fired)
        {
            using var command = fired.Period is { } period
                ? Command(c, t, "UPDATE reminders SET due_at = $due, owner = NULL, lease_until = NULL, fence = $fence WHERE grain_type = $type AND grain_key = $key AND name = $name", ("$due", SqliteTime.ToTicks(SqliteTime.NextDue(fired.DueAt, period, now))), ("$fence", NextFences(c, t, 1)), ("$type", grain.Type), ("$key", grain.Key), ("$name", fired.Name))
                : Command(c, t, "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name", ("$type", grain.Type), ("$key", grain.Key), ("$name", fired.Name));
            command.ExecuteNonQuery();
        }

        foreach (var name in write.UnregisterReminders.Distinct(StringComparer.Ordinal))
        {
            using var command = Command(c, t, "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name", ("$type", grain.Type), ("$key", grain.Key), ("$name", name));
            command.ExecuteNonQuery();
        }

        foreach (var registration in write.RegisterReminders)
        {
            using var command = Command(
                c,
                t,
                """
                INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ticks, owner, lease_until, fence)
                VALUES ($type, $key, $name, $due, $period, NULL, NULL, $fence)
                ON CONFLICT (grain_type, grain_key, name) DO UPDATE
                SET due_at = excluded.due_at, period_ticks = excluded.period_ticks, owner = NULL, lease_until = NULL, fence = excluded.fence
                """,
                ("$type", grain.Type),
                ("$key", grain.Key),
                ("$name", registration.Name),
                ("$due", SqliteTime.ToTicks(registration.DueAt)),
                ("$period", registration.Period?.Ticks),
                ("$fence", NextFences(c, t, 1)));
            command.ExecuteNonQuery();
        }

        foreach (var message in write.Outbox)
        {
            using var command = Command(
                c,
                t,
                """
                INSERT INTO outbox (event_id, source_type, source_key, target_type, target_key, type, payload, created_at)
                VALUES ($event, $stype, $skey, $ttype, $tkey, $etype, $payload, $created)
                ON CONFLICT (target_type, target_key, event_id) DO NOTHING
                """,
                ("$event", message.EventId.ToString("D")),
                ("$stype", message.Source.Type),
                ("$skey", message.Source.Key),
                ("$ttype", message.Target.Type),
                ("$tkey", message.Target.Key),
                ("$etype", message.Type),
                ("$payload", message.Payload),
                ("$created", SqliteTime.ToTicks(message.CreatedAt)));
            command.ExecuteNonQuery();
        }

        if (write.TicketRow is { } row)
        {
            UpsertTicketRow(c, t, row);
        }

        return new WriteResult(WriteStatus.Committed, version);
    }

    /// <summary>The same upsert as the Orleans provider's; rows of the old runtime carry no tick or
    /// pending-event time, so those columns are written null.</summary>
    private static void UpsertTicketRow(SqliteConnection c, SqliteTransaction t, TicketQueryRow row) =>
        State.SqliteStateWrites.UpsertQueryRow(c, t, row);

    private static long StoredVersion(SqliteConnection c, SqliteTransaction t, GrainId grain) =>
        State.SqliteStateWrites.StoredVersion(c, t, grain.Type, grain.Key);

    private static ReminderRow? FindReminder(SqliteConnection c, SqliteTransaction t, GrainId grain, string name)
    {
        using var command = Command(c, t, "SELECT due_at, period_ticks, fence FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name", ("$type", grain.Type), ("$key", grain.Key), ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new ReminderRow(name, SqliteTime.FromTicks(reader.GetInt64(0)), Period(reader, 1), reader.GetInt64(2))
            : null;
    }

    /// <summary>Takes <paramref name="count"/> fencing numbers from the counter; returns the first.</summary>
    private static long NextFences(SqliteConnection c, SqliteTransaction t, int count)
    {
        using var command = Command(c, t, "UPDATE tc_counters SET value = value + $count WHERE name = 'fence' RETURNING value", ("$count", count));
        return (long)command.ExecuteScalar()! - count + 1;
    }

    private static void Validate(GrainWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (write.State is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(write.ExpectedVersion);
        }

        foreach (var registration in write.RegisterReminders)
        {
            if (registration.Period is { } period && period <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Reminder '{registration.Name}' of {write.Grain} has a period of {period}; periods are positive.", nameof(write));
            }
        }
    }

    private readonly record struct ReminderRow(string Name, DateTimeOffset DueAt, TimeSpan? Period, long Fence);
}
