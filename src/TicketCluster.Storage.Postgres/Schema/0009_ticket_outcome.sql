-- TicketCluster storage schema, version 9 (PostgreSQL): how a ticket ended.
--
--   outcome   text, null while the ticket has not ended: its FinalOutcome in kebab-case (resolved,
--             answered-on-the-spot, withdrawn, return-window-lapsed, declined-customer-responsible,
--             declined-outside-policy, declined-fraud, duplicate, spam). The summary report counts
--             tickets by it. Rows written before this version read null until their ticket's next turn.
--
-- tc_write takes the column as its last parameter. A function's parameter list cannot change in place,
-- so version 6's function is dropped and created again; its body is version 6's with the one column added.
ALTER TABLE ticket_query ADD COLUMN outcome text NULL;

DROP FUNCTION tc_write(
  text, text, bigint, bytea,
  text[], timestamptz[], bigint[],
  text[],
  text, bigint,
  uuid[], text[], text[], text[], text[], text[], bytea[], timestamptz[],
  text[], text[],
  text, text, text, text, text, text, text, text, text, text,
  integer, timestamptz, timestamptz, timestamptz, timestamptz,
  timestamptz, integer, text, text);

CREATE FUNCTION tc_write(
  p_grain_type text, p_grain_key text, p_expected bigint, p_state bytea,
  p_reg_names text[], p_reg_due timestamptz[], p_reg_period_us bigint[],
  p_unreg_names text[],
  p_done_name text, p_done_fence bigint,
  p_out_event_ids uuid[], p_out_source_types text[], p_out_source_keys text[],
  p_out_target_types text[], p_out_target_keys text[], p_out_types text[],
  p_out_payloads bytea[], p_out_created timestamptz[],
  p_idem_scopes text[], p_idem_keys text[],
  p_t_id text, p_t_status text, p_t_severity text, p_t_category text, p_t_channel text,
  p_t_customer text, p_t_merchant text, p_t_order text, p_t_department text, p_t_assignee text,
  p_t_escalation integer, p_t_next_deadline timestamptz, p_t_created timestamptz,
  p_t_updated timestamptz, p_t_resolved timestamptz,
  p_t_acknowledged timestamptz, p_t_satisfaction integer, p_t_clocks_met text, p_t_clocks_breached text,
  p_t_outcome text)
RETURNS TABLE (o_status integer, o_version bigint, o_dup_type text, o_dup_key text)
LANGUAGE plpgsql AS $$
DECLARE
  v_status integer := 0;
  v_version bigint;
  v_dup_type text;
  v_dup_key text;
  v_keys integer := coalesce(cardinality(p_idem_keys), 0);
  v_inserted boolean := false;
  v_written boolean := false;
  v_fence bigint;
  v_periodic boolean := false;
  v_done reminders%ROWTYPE;
  v_deleted boolean := false;
BEGIN
  -- 1. The version. A new grain's row is inserted now (which also makes a concurrent creator wait for
  --    this transaction); an existing one is written now when nothing below can refuse the write, and
  --    otherwise locked and compared, and written at step 4.
  IF p_state IS NOT NULL THEN
    IF p_expected = 0 THEN
      INSERT INTO grain_state AS g (grain_type, grain_key, version, state, updated_at)
      VALUES (p_grain_type, p_grain_key, 1, p_state, now())
      ON CONFLICT DO NOTHING
      RETURNING g.version INTO v_version;
      v_inserted := FOUND;
      IF NOT FOUND THEN
        v_status := 1;
      END IF;
    ELSIF p_done_name IS NULL AND v_keys = 0 THEN
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
  END IF;

  -- 2. The fired reminder's fence. A one-shot reminder is deleted where the fence matches (and kept
  --    in v_done, to be put back if step 3 refuses the write); a periodic one is locked and compared,
  --    and moved on at step 4.
  IF v_status = 0 AND p_done_name IS NOT NULL THEN
    DELETE FROM reminders AS r
    WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name
      AND r.fence = p_done_fence AND r.period_us IS NULL
    RETURNING r.* INTO v_done;
    v_deleted := FOUND;
    IF NOT v_deleted THEN
      SELECT r.fence INTO v_fence
      FROM reminders AS r
      WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name
        AND r.period_us IS NOT NULL
      FOR UPDATE;
      IF FOUND AND v_fence = p_done_fence THEN
        v_periodic := true;
      ELSE
        v_status := 3;
      END IF;
    END IF;
  END IF;

  -- 3. The idempotency keys. On the first one already recorded, the keys this write inserted before
  --    it are removed again (they did not exist: an existing one would have stopped the loop).
  IF v_status = 0 THEN
    FOR i IN 1 .. v_keys LOOP
      INSERT INTO idempotency AS k (scope, key, owner_type, owner_key, created_at)
      VALUES (p_idem_scopes[i], p_idem_keys[i], p_grain_type, p_grain_key, now())
      ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        -- A new statement, so a new snapshot: it sees a row a concurrent transaction committed
        -- while this insert waited for it.
        SELECT k.owner_type, k.owner_key INTO v_dup_type, v_dup_key
        FROM idempotency AS k WHERE k.scope = p_idem_scopes[i] AND k.key = p_idem_keys[i];
        DELETE FROM idempotency AS k
        USING unnest(p_idem_scopes[1:i - 1], p_idem_keys[1:i - 1]) AS u (scope, key)
        WHERE k.scope = u.scope AND k.key = u.key;
        v_status := 2;
        EXIT;
      END IF;
    END LOOP;
  END IF;

  IF v_status <> 0 THEN
    IF v_inserted THEN
      DELETE FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
    END IF;

    IF v_deleted THEN
      INSERT INTO reminders SELECT v_done.*;
    END IF;

    SELECT g.version INTO v_version
    FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
    RETURN QUERY SELECT v_status, coalesce(v_version, 0), v_dup_type, v_dup_key;
    RETURN;
  END IF;

  -- 4. Every check passed: nothing below can be refused.
  IF p_state IS NOT NULL AND p_expected <> 0 AND NOT v_written THEN
    UPDATE grain_state AS g SET version = g.version + 1, state = p_state, updated_at = now()
    WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key
    RETURNING g.version INTO v_version;
  END IF;

  -- A periodic fired reminder moves past now and is released. Its fence moves on, so a repeated
  -- completion with the same number is lost.
  IF v_periodic THEN
    UPDATE reminders AS r
    SET due_at = tc_next_due(r.due_at, r.period_us, now()), owner = NULL, lease_until = NULL,
        fence = nextval('tc_fence')
    WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name;
  END IF;

  IF cardinality(p_unreg_names) > 0 THEN
    DELETE FROM reminders AS r
    WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = ANY (p_unreg_names);
  END IF;

  IF cardinality(p_reg_names) > 0 THEN
    INSERT INTO reminders AS r (grain_type, grain_key, name, due_at, period_us, owner, lease_until, fence)
    SELECT p_grain_type, p_grain_key, u.name, u.due_at, u.period_us, NULL, NULL, nextval('tc_fence')
    FROM unnest(p_reg_names, p_reg_due, p_reg_period_us) AS u (name, due_at, period_us)
    ON CONFLICT (grain_type, grain_key, name) DO UPDATE
    SET due_at = excluded.due_at, period_us = excluded.period_us, owner = NULL, lease_until = NULL,
        fence = excluded.fence;
  END IF;

  IF cardinality(p_out_event_ids) > 0 THEN
    INSERT INTO outbox (event_id, source_type, source_key, target_type, target_key, type, payload, created_at)
    SELECT * FROM unnest(p_out_event_ids, p_out_source_types, p_out_source_keys, p_out_target_types,
                         p_out_target_keys, p_out_types, p_out_payloads, p_out_created)
    ON CONFLICT (target_type, target_key, event_id) DO NOTHING;
  END IF;

  IF p_t_id IS NOT NULL THEN
    INSERT INTO ticket_query AS t (ticket_id, status, severity, category, channel, customer_id, merchant_id,
      order_id, department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at,
      acknowledged_at, satisfaction_score, clocks_met, clocks_breached, outcome)
    VALUES (p_t_id, p_t_status, p_t_severity, p_t_category, p_t_channel, p_t_customer, p_t_merchant,
      p_t_order, p_t_department, p_t_assignee, p_t_escalation, p_t_next_deadline, p_t_created,
      p_t_updated, p_t_resolved, p_t_acknowledged, p_t_satisfaction, p_t_clocks_met, p_t_clocks_breached,
      p_t_outcome)
    ON CONFLICT (ticket_id) DO UPDATE
    SET status = excluded.status, severity = excluded.severity, category = excluded.category,
        channel = excluded.channel, customer_id = excluded.customer_id, merchant_id = excluded.merchant_id,
        order_id = excluded.order_id, department = excluded.department, assignee = excluded.assignee,
        escalation_level = excluded.escalation_level, next_deadline = excluded.next_deadline,
        created_at = excluded.created_at, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at,
        acknowledged_at = excluded.acknowledged_at, satisfaction_score = excluded.satisfaction_score,
        clocks_met = excluded.clocks_met, clocks_breached = excluded.clocks_breached,
        outcome = excluded.outcome;
  END IF;

  IF p_state IS NULL THEN
    SELECT g.version INTO v_version
    FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
  END IF;

  RETURN QUERY SELECT v_status, coalesce(v_version, 0), v_dup_type, v_dup_key;
END;
$$;
