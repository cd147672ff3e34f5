using Microsoft.Data.Sqlite;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

public sealed partial class SqliteGrainStorage
{
    /// <summary>Claims on the writer connection: the one writer makes every claim exclusive. "Now" is
    /// the injected clock.</summary>
    public Task<IReadOnlyList<ClaimedReminder>> ClaimDueRemindersAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ValidateClaim(owner, max, lease);
        return WithWriterAsync<IReadOnlyList<ClaimedReminder>>(
            connection =>
            {
                var now = _time.GetUtcNow();
                var nowTicks = SqliteTime.ToTicks(now);
                using var transaction = connection.BeginTransaction(deferred: false);
                var due = new List<(GrainId Grain, string Name, DateTimeOffset DueAt, TimeSpan? Period)>();
                using (var select = Command(
                    connection,
                    transaction,
                    """
                    SELECT grain_type, grain_key, name, due_at, period_ticks FROM reminders
                    WHERE due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    ORDER BY due_at
                    LIMIT $max
                    """,
                    ("$now", nowTicks),
                    ("$max", max)))
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        due.Add((new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), SqliteTime.FromTicks(reader.GetInt64(3)), Period(reader, 4)));
                    }
                }

                var claimed = new List<ClaimedReminder>(due.Count);
                if (due.Count == 0)
                {
                    return claimed;
                }

                var fence = NextFences(connection, transaction, due.Count);
                var leaseUntil = SqliteTime.ToTicks(now + lease);
                foreach (var reminder in due)
                {
                    using var update = Command(
                        connection,
                        transaction,
                        "UPDATE reminders SET owner = $owner, lease_until = $lease, fence = $fence WHERE grain_type = $type AND grain_key = $key AND name = $name",
                        ("$owner", owner),
                        ("$lease", leaseUntil),
                        ("$fence", fence),
                        ("$type", reminder.Grain.Type),
                        ("$key", reminder.Grain.Key),
                        ("$name", reminder.Name));
                    update.ExecuteNonQuery();
                    claimed.Add(new ClaimedReminder(reminder.Grain, reminder.Name, reminder.DueAt, reminder.Period, fence, now));
                    fence++;
                }

                transaction.Commit();
                return claimed;
            },
            cancellationToken);
    }

    public Task<int> ReleaseRemindersAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return WithWriterAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var held = new List<(string Type, string Key, string Name)>();
                using (var select = Command(connection, transaction, "SELECT grain_type, grain_key, name FROM reminders WHERE owner = $owner AND lease_until > $now", ("$owner", owner), ("$now", SqliteTime.ToTicks(_time.GetUtcNow()))))
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        held.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                    }
                }

                if (held.Count > 0)
                {
                    // The released claims' fences move on, so their former holder can no longer complete them.
                    var fence = NextFences(connection, transaction, held.Count);
                    foreach (var (type, key, name) in held)
                    {
                        using var update = Command(connection, transaction, "UPDATE reminders SET owner = NULL, lease_until = NULL, fence = $fence WHERE grain_type = $type AND grain_key = $key AND name = $name", ("$fence", fence++), ("$type", type), ("$key", key), ("$name", name));
                        update.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
                return held.Count;
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> NextReminderDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT min(due_at) FROM reminders WHERE lease_until IS NULL OR lease_until <= $now", ("$now", SqliteTime.ToTicks(_time.GetUtcNow())));
        return await command.ExecuteScalarAsync(cancellationToken) is long ticks ? SqliteTime.FromTicks(ticks) : null;
    }

    /// <summary>Claims on the writer connection, oldest first; a message waits while an earlier message
    /// of its target is held by a live lease, so each target receives its messages in order.</summary>
    public Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimOutboxAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ValidateClaim(owner, max, lease);
        return WithWriterAsync<IReadOnlyList<ClaimedOutboxMessage>>(
            connection =>
            {
                var now = _time.GetUtcNow();
                using var command = Command(
                    connection,
                    null,
                    """
                    UPDATE outbox SET owner = $owner, lease_until = $lease, fence = fence + 1
                    WHERE seq IN (
                      SELECT o.seq FROM outbox AS o
                      WHERE (o.lease_until IS NULL OR o.lease_until <= $now)
                        AND NOT EXISTS (
                          SELECT 1 FROM outbox AS e
                          WHERE e.target_type = o.target_type AND e.target_key = o.target_key AND e.seq < o.seq
                            AND e.lease_until > $now)
                      ORDER BY o.seq
                      LIMIT $max)
                    RETURNING seq, fence, event_id, source_type, source_key, target_type, target_key, type, payload, created_at
                    """,
                    ("$owner", owner),
                    ("$lease", SqliteTime.ToTicks(now + lease)),
                    ("$now", SqliteTime.ToTicks(now)),
                    ("$max", max));
                using var reader = command.ExecuteReader();
                var claimed = new List<ClaimedOutboxMessage>();
                while (reader.Read())
                {
                    claimed.Add(new ClaimedOutboxMessage(
                        reader.GetInt64(0),
                        reader.GetInt64(1),
                        new OutboxMessage(
                            Guid.Parse(reader.GetString(2)),
                            new GrainId(reader.GetString(3), reader.GetString(4)),
                            new GrainId(reader.GetString(5), reader.GetString(6)),
                            reader.GetString(7),
                            (byte[])reader.GetValue(8),
                            SqliteTime.FromTicks(reader.GetInt64(9)))));
                }

                claimed.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
                return claimed;
            },
            cancellationToken);
    }

    public Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxCompletion> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Count == 0)
        {
            return Task.FromResult(0);
        }

        return WithWriterAsync(
            connection =>
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var removed = 0;
                foreach (var completion in delivered)
                {
                    using var command = Command(connection, transaction, "DELETE FROM outbox WHERE seq = $seq AND fence = $fence", ("$seq", completion.Sequence), ("$fence", completion.Fence));
                    removed += command.ExecuteNonQuery();
                }

                transaction.Commit();
                return removed;
            },
            cancellationToken);
    }

    private static void ValidateClaim(string owner, int max, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
    }
}
