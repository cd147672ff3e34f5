namespace TicketCluster.Storage.Postgres;

/// <summary>
/// The claim statements. Each is one statement, so one short transaction: the MATERIALIZED CTE
/// locks the chosen rows (skipping rows another claimer holds locked, so concurrent claimers never
/// wait for or receive each other's rows), and the UPDATE leases them. The reminder claim finds the
/// locked rows again by their physical address (ctid), which cannot change while this statement holds
/// their locks, rather than by a second descent of the primary key. A row another claimer leased
/// and committed in the meantime is re-checked against the WHERE clause when locked (READ COMMITTED
/// re-evaluation) and dropped, because its lease is now live.
/// </summary>
internal static class PostgresClaimSql
{
    /// <summary>$1 owner, $2 max, $3 lease (interval).</summary>
    public const string ClaimReminders =
        """
        WITH due AS MATERIALIZED (
          SELECT ctid FROM reminders
          WHERE due_at <= now() AND (lease_until IS NULL OR lease_until <= now())
          ORDER BY due_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED)
        UPDATE reminders AS r
        SET owner = $1, lease_until = now() + $3, fence = nextval('tc_fence')
        FROM due
        WHERE r.ctid = due.ctid
        RETURNING r.grain_type, r.grain_key, r.name, r.due_at, r.period_us, r.fence, now()
        """;

    /// <summary>
    /// $1 owner, $2 max, $3 lease (interval). Keeps each target's messages in order: a candidate is
    /// claimed only when every earlier message of its target is claimed by this same statement. An
    /// earlier message outside the candidates is held by a live lease, locked by a concurrent claimer
    /// (SKIP LOCKED passed it over, and this statement's snapshot cannot see that claimer's lease yet),
    /// or was completed concurrently; in each case the later message waits for a later round.
    /// </summary>
    public const string ClaimOutbox =
        """
        WITH candidates AS MATERIALIZED (
          SELECT seq, target_type, target_key FROM outbox
          WHERE lease_until IS NULL OR lease_until <= now()
          ORDER BY seq
          LIMIT $2
          FOR UPDATE SKIP LOCKED),
        due AS (
          SELECT c.seq FROM candidates AS c
          WHERE NOT EXISTS (
            SELECT 1 FROM outbox AS e
            WHERE e.target_type = c.target_type AND e.target_key = c.target_key AND e.seq < c.seq
              AND NOT EXISTS (SELECT 1 FROM candidates AS k WHERE k.seq = e.seq)))
        UPDATE outbox AS o
        SET owner = $1, lease_until = now() + $3, fence = o.fence + 1
        FROM due
        WHERE o.seq = due.seq
        RETURNING o.seq, o.fence, o.event_id, o.source_type, o.source_key, o.target_type, o.target_key,
                  o.type, o.payload, o.created_at
        """;
}
