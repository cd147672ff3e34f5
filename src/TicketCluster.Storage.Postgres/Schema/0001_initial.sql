-- TicketCluster storage schema, version 1 (PostgreSQL).
-- Applied by PostgresGrainStorage.EnsureSchemaAsync under an advisory lock, in one transaction.
-- All times are timestamptz; due-ness and leases are judged by now() (the transaction start time of
-- the database server), the one clock every node shares.

-- Fencing numbers for reminder claims come from one sequence, so a number is never reused: a
-- reminder that is removed and registered again can never be completed by a claim on its
-- predecessor.
CREATE SEQUENCE tc_fence AS bigint;

CREATE TABLE grain_state (
  grain_type text NOT NULL,
  grain_key text NOT NULL,
  version bigint NOT NULL,
  state bytea NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (grain_type, grain_key)
);

CREATE TABLE reminders (
  grain_type text NOT NULL,
  grain_key text NOT NULL,
  name text NOT NULL,
  due_at timestamptz NOT NULL,
  period_us bigint NULL CHECK (period_us > 0),
  owner text NULL,
  lease_until timestamptz NULL,
  fence bigint NOT NULL,
  PRIMARY KEY (grain_type, grain_key, name)
);

-- The claim scans due reminders in due order and skips the few held by a live lease (at most the
-- claim batch of each node), so a plain due_at index keeps the claim cheap with millions of rows.
CREATE INDEX reminders_due_at ON reminders (due_at);
-- ReleaseRemindersAsync finds a node's claims without a scan.
CREATE INDEX reminders_owner ON reminders (owner) WHERE owner IS NOT NULL;

CREATE TABLE outbox (
  seq bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  source_type text NOT NULL,
  source_key text NOT NULL,
  target_type text NOT NULL,
  target_key text NOT NULL,
  type text NOT NULL,
  payload bytea NOT NULL,
  created_at timestamptz NOT NULL,
  owner text NULL,
  lease_until timestamptz NULL,
  fence bigint NOT NULL DEFAULT 0,
  UNIQUE (target_type, target_key, event_id)
);

CREATE TABLE idempotency (
  scope text NOT NULL,
  key text NOT NULL,
  owner_type text NOT NULL,
  owner_key text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE ticket_query (
  ticket_id text PRIMARY KEY,
  status text NOT NULL,
  severity text NOT NULL,
  category text NOT NULL,
  channel text NOT NULL,
  customer_id text NOT NULL,
  merchant_id text NOT NULL,
  order_id text NULL,
  department text NULL,
  assignee text NULL,
  escalation_level integer NOT NULL,
  next_deadline timestamptz NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  resolved_at timestamptz NULL
);

-- Work queues: open tickets of a status by next deadline; a merchant's, a customer's, an agent's tickets.
CREATE INDEX ticket_query_status_deadline ON ticket_query (status, next_deadline);
CREATE INDEX ticket_query_merchant ON ticket_query (merchant_id, created_at);
CREATE INDEX ticket_query_customer ON ticket_query (customer_id, created_at);
CREATE INDEX ticket_query_assignee ON ticket_query (assignee, next_deadline) WHERE assignee IS NOT NULL;

-- The first tick of a periodic reminder strictly after p_now on its grid (p_due + k * period, k >= 0):
-- missed ticks are folded into one, the phase is kept (the runtime's ReminderSchedule.NextDueAfter).
CREATE FUNCTION tc_next_due(p_due timestamptz, p_period_us bigint, p_now timestamptz)
RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN p_due > p_now THEN p_due
    ELSE p_due + ((floor(extract(epoch FROM (p_now - p_due)) * 1000000)::bigint / p_period_us + 1)
                  * p_period_us) * interval '1 microsecond'
  END
$$;

-- One grain write of a batch. Every check and every change runs in a BEGIN ... EXCEPTION block, a
-- subtransaction: a failed check raises TC001, which rolls back exactly this write's changes and
-- leaves the batch's transaction and the other writes intact.
-- o_status: 0 committed, 1 version conflict, 2 duplicate idempotency key, 3 fence lost.
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
  p_t_updated timestamptz, p_t_resolved timestamptz)
RETURNS TABLE (o_status integer, o_version bigint, o_dup_type text, o_dup_key text)
LANGUAGE plpgsql AS $$
DECLARE
  v_status integer := 0;
  v_version bigint;
  v_dup_type text;
  v_dup_key text;
  v_fence bigint;
  v_period bigint;
BEGIN
  BEGIN
    IF p_state IS NOT NULL THEN
      IF p_expected = 0 THEN
        INSERT INTO grain_state AS g (grain_type, grain_key, version, state, updated_at)
        VALUES (p_grain_type, p_grain_key, 1, p_state, now())
        ON CONFLICT DO NOTHING
        RETURNING g.version INTO v_version;
      ELSE
        UPDATE grain_state AS g SET version = g.version + 1, state = p_state, updated_at = now()
        WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key AND g.version = p_expected
        RETURNING g.version INTO v_version;
      END IF;
      IF NOT FOUND THEN
        v_status := 1;
        RAISE EXCEPTION USING ERRCODE = 'TC001';
      END IF;
    END IF;

    IF p_done_name IS NOT NULL THEN
      SELECT r.fence, r.period_us INTO v_fence, v_period
      FROM reminders AS r
      WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name
      FOR UPDATE;
      IF NOT FOUND OR v_fence <> p_done_fence THEN
        v_status := 3;
        RAISE EXCEPTION USING ERRCODE = 'TC001';
      END IF;
    END IF;

    FOR i IN 1 .. coalesce(cardinality(p_idem_keys), 0) LOOP
      INSERT INTO idempotency AS k (scope, key, owner_type, owner_key, created_at)
      VALUES (p_idem_scopes[i], p_idem_keys[i], p_grain_type, p_grain_key, now())
      ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        -- A new statement, so a new snapshot: it sees a row a concurrent transaction committed
        -- while this insert waited for it.
        SELECT k.owner_type, k.owner_key INTO v_dup_type, v_dup_key
        FROM idempotency AS k WHERE k.scope = p_idem_scopes[i] AND k.key = p_idem_keys[i];
        v_status := 2;
        RAISE EXCEPTION USING ERRCODE = 'TC001';
      END IF;
    END LOOP;

    -- The fired reminder: a one-shot one is removed, a periodic one moves past now and is released.
    -- Its fence moves on either way, so a repeated completion with the same number is lost.
    IF p_done_name IS NOT NULL THEN
      IF v_period IS NULL THEN
        DELETE FROM reminders AS r
        WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name;
      ELSE
        UPDATE reminders AS r
        SET due_at = tc_next_due(r.due_at, r.period_us, now()), owner = NULL, lease_until = NULL,
            fence = nextval('tc_fence')
        WHERE r.grain_type = p_grain_type AND r.grain_key = p_grain_key AND r.name = p_done_name;
      END IF;
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
        order_id, department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at)
      VALUES (p_t_id, p_t_status, p_t_severity, p_t_category, p_t_channel, p_t_customer, p_t_merchant,
        p_t_order, p_t_department, p_t_assignee, p_t_escalation, p_t_next_deadline, p_t_created,
        p_t_updated, p_t_resolved)
      ON CONFLICT (ticket_id) DO UPDATE
      SET status = excluded.status, severity = excluded.severity, category = excluded.category,
          channel = excluded.channel, customer_id = excluded.customer_id, merchant_id = excluded.merchant_id,
          order_id = excluded.order_id, department = excluded.department, assignee = excluded.assignee,
          escalation_level = excluded.escalation_level, next_deadline = excluded.next_deadline,
          created_at = excluded.created_at, updated_at = excluded.updated_at, resolved_at = excluded.resolved_at;
    END IF;
  EXCEPTION WHEN SQLSTATE 'TC001' THEN
    NULL;
  END;

  IF v_status <> 0 OR p_state IS NULL THEN
    SELECT g.version INTO v_version
    FROM grain_state AS g WHERE g.grain_type = p_grain_type AND g.grain_key = p_grain_key;
  END IF;

  RETURN QUERY SELECT v_status, coalesce(v_version, 0), v_dup_type, v_dup_key;
END;
$$;
