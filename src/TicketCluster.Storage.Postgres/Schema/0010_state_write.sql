-- TicketCluster storage schema, version 10 (PostgreSQL): the write of the Orleans grain storage provider
-- (PostgresStateStorage, docs/storage.md "Orleans grain storage").
--
--   ticket_query.next_tick_at          timestamptz, null: the ticket's earliest pending SLA tick
--   ticket_query.events_pending_since  timestamptz, null: its oldest event not yet acknowledged by every receiver
--
-- The sweeper asks for tickets with either before a time; a partial index each keeps that read to the
-- few tickets that have one. Rows written before this version, and by tc_write, read null.
ALTER TABLE ticket_query ADD COLUMN next_tick_at timestamptz NULL, ADD COLUMN events_pending_since timestamptz NULL;
CREATE INDEX ticket_query_next_tick_at ON ticket_query (next_tick_at) WHERE next_tick_at IS NOT NULL;
CREATE INDEX ticket_query_events_pending_since ON ticket_query (events_pending_since) WHERE events_pending_since IS NOT NULL;

-- One grain state write: tc_write's steps without reminders, outbox or fences.
--   1. The version: for expected 0 the new row is inserted (a concurrent creator waits for this
--      transaction); with no key to record the check is the write (UPDATE … WHERE version = expected);
--      otherwise the row is locked and compared, and written at step 3.
--   2. The keys, one by one, INSERT … ON CONFLICT DO NOTHING. A key already recorded by the same grain is
--      fine (a retried write); one recorded by another grain refuses the write: the keys this write
--      inserted before it are deleted again, and the new row of an expected-0 write too.
--   3. The state (unless step 1 wrote it) and the ticket's query row (upsert), when p_t_id is given.
-- o_status: 0 committed, 1 version conflict, 2 key owned by another grain (o_dup_* its owner,
-- o_key_* the key). o_version: the new version, or the stored one (0: no row) when refused.
CREATE FUNCTION tc_state_write(
  p_grain_type text, p_grain_key text, p_expected bigint, p_state bytea,
  p_idem_scopes text[], p_idem_keys text[],
  p_t_id text, p_t_status text, p_t_severity text, p_t_category text, p_t_channel text,
  p_t_customer text, p_t_merchant text, p_t_order text, p_t_department text, p_t_assignee text,
  p_t_escalation integer, p_t_next_deadline timestamptz, p_t_created timestamptz,
  p_t_updated timestamptz, p_t_resolved timestamptz,
  p_t_acknowledged timestamptz, p_t_satisfaction integer, p_t_clocks_met text, p_t_clocks_breached text,
  p_t_outcome text, p_t_next_tick timestamptz, p_t_events_pending_since timestamptz)
RETURNS TABLE (o_status integer, o_version bigint, o_dup_type text, o_dup_key text, o_key_scope text, o_key text)
LANGUAGE plpgsql AS $$
DECLARE
  v_status integer := 0;
  v_version bigint;
  v_dup_type text;
  v_dup_key text;
  v_key_scope text;
  v_key text;
  v_keys integer := coalesce(cardinality(p_idem_keys), 0);
  v_new_scopes text[] := '{}';
  v_new_keys text[] := '{}';
  v_inserted boolean := false;
  v_written boolean := false;
BEGIN
  IF p_expected = 0 THEN
    INSERT INTO grain_state AS g (grain_type, grain_key, version, state, updated_at)
    VALUES (p_grain_type, p_grain_key, 1, p_state, now())
    ON CONFLICT DO NOTHING
    RETURNING g.version INTO v_version;
    v_inserted := FOUND;
    v_written := FOUND;
    IF NOT FOUND THEN
      v_status := 1;
    END IF;
  ELSIF v_keys = 0 THEN
    UPDATE grain_state AS g SET version = g.version + 1, state = p_state, updated_at = now()
    WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key AND g.version = p_expected
    RETURNING g.version INTO v_version;
    v_written := FOUND;
    IF NOT FOUND THEN
      v_status := 1;
    END IF;
  ELSE
    SELECT g.version INTO v_version
    FROM grain_state AS g
    WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key
    FOR UPDATE;
    IF NOT FOUND OR v_version <> p_expected THEN
      v_status := 1;
    END IF;
  END IF;

  IF v_status = 0 THEN
    FOR i IN 1 .. v_keys LOOP
      INSERT INTO idempotency AS k (scope, key, owner_type, owner_key, created_at)
      VALUES (p_idem_scopes[i], p_idem_keys[i], p_grain_type, p_grain_key, now())
      ON CONFLICT DO NOTHING;
      IF FOUND THEN
        v_new_scopes := v_new_scopes || p_idem_scopes[i];
        v_new_keys := v_new_keys || p_idem_keys[i];
      ELSE
        -- A new statement, so a new snapshot: it sees a row a concurrent transaction committed
        -- while this insert waited for it.
        SELECT k.owner_type, k.owner_key INTO v_dup_type, v_dup_key
        FROM idempotency AS k WHERE k.scope = p_idem_scopes[i] AND k.key = p_idem_keys[i];
        IF v_dup_type IS DISTINCT FROM p_grain_type OR v_dup_key IS DISTINCT FROM p_grain_key THEN
          DELETE FROM idempotency AS k
          USING unnest(v_new_scopes, v_new_keys) AS u (scope, key)
          WHERE k.scope = u.scope AND k.key = u.key;
          v_key_scope := p_idem_scopes[i];
          v_key := p_idem_keys[i];
          v_status := 2;
          EXIT;
        END IF;
        v_dup_type := NULL;
        v_dup_key := NULL;
      END IF;
    END LOOP;
  END IF;

  IF v_status <> 0 THEN
    IF v_inserted THEN
      DELETE FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
    END IF;

    SELECT g.version INTO v_version
    FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
    RETURN QUERY SELECT v_status, coalesce(v_version, 0), v_dup_type, v_dup_key, v_key_scope, v_key;
    RETURN;
  END IF;

  IF NOT v_written THEN
    UPDATE grain_state AS g SET version = g.version + 1, state = p_state, updated_at = now()
    WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key
    RETURNING g.version INTO v_version;
  END IF;

  IF p_t_id IS NOT NULL THEN
    INSERT INTO ticket_query AS t (ticket_id, status, severity, category, channel, customer_id, merchant_id,
      order_id, department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at,
      acknowledged_at, satisfaction_score, clocks_met, clocks_breached, outcome, next_tick_at, events_pending_since)
    VALUES (p_t_id, p_t_status, p_t_severity, p_t_category, p_t_channel, p_t_customer, p_t_merchant,
      p_t_order, p_t_department, p_t_assignee, p_t_escalation, p_t_next_deadline, p_t_created,
      p_t_updated, p_t_resolved, p_t_acknowledged, p_t_satisfaction, p_t_clocks_met, p_t_clocks_breached,
      p_t_outcome, p_t_next_tick, p_t_events_pending_since)
    ON CONFLICT (ticket_id) DO UPDATE
    SET status = excluded.status, severity = excluded.severity, category = excluded.category,
        channel = excluded.channel, customer_id = excluded.customer_id, merchant_id = excluded.merchant_id,
        order_id = excluded.order_id, department = excluded.department, assignee = excluded.assignee,
        escalation_level = excluded.escalation_level, next_deadline = excluded.next_deadline,
        created_at = excluded.created_at, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
        acknowledged_at = excluded.acknowledged_at, satisfaction_score = excluded.satisfaction_score,
        clocks_met = excluded.clocks_met, clocks_breached = excluded.clocks_breached,
        outcome = excluded.outcome, next_tick_at = excluded.next_tick_at,
        events_pending_since = excluded.events_pending_since;
  END IF;

  RETURN QUERY SELECT v_status, v_version, NULL::text, NULL::text, NULL::text, NULL::text;
END;
$$;
