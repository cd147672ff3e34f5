-- TicketCluster storage schema, version 1 (SQLite, single node).
-- Applied by SqliteGrainStorage.EnsureSchemaAsync in one BEGIN IMMEDIATE transaction.
-- Times are INTEGER UTC ticks (100 ns since 0001-01-01), periods INTEGER ticks; due-ness and leases
-- are judged by the TimeProvider the storage was given.

-- Fencing numbers for reminder claims: one counter, so a number is never reused (see the PostgreSQL
-- script's tc_fence sequence).
CREATE TABLE tc_counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO tc_counters (name, value) VALUES ('fence', 0);

CREATE TABLE grain_state (
  grain_type TEXT NOT NULL,
  grain_key TEXT NOT NULL,
  version INTEGER NOT NULL,
  state BLOB NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (grain_type, grain_key)
);

CREATE TABLE reminders (
  grain_type TEXT NOT NULL,
  grain_key TEXT NOT NULL,
  name TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  period_ticks INTEGER NULL CHECK (period_ticks > 0),
  owner TEXT NULL,
  lease_until INTEGER NULL,
  fence INTEGER NOT NULL,
  PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX reminders_due_at ON reminders (due_at);
CREATE INDEX reminders_owner ON reminders (owner) WHERE owner IS NOT NULL;

-- AUTOINCREMENT: a sequence number is never reused after its row is deleted, so a stale completion
-- (sequence, fence) cannot remove a later message.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_key TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_key TEXT NOT NULL,
  type TEXT NOT NULL,
  payload BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  owner TEXT NULL,
  lease_until INTEGER NULL,
  fence INTEGER NOT NULL DEFAULT 0,
  UNIQUE (target_type, target_key, event_id)
);

CREATE TABLE idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  owner_type TEXT NOT NULL,
  owner_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE ticket_query (
  ticket_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  order_id TEXT NULL,
  department TEXT NULL,
  assignee TEXT NULL,
  escalation_level INTEGER NOT NULL,
  next_deadline INTEGER NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  resolved_at INTEGER NULL
);

CREATE INDEX ticket_query_status_deadline ON ticket_query (status, next_deadline);
CREATE INDEX ticket_query_merchant ON ticket_query (merchant_id, created_at);
CREATE INDEX ticket_query_customer ON ticket_query (customer_id, created_at);
CREATE INDEX ticket_query_assignee ON ticket_query (assignee, next_deadline) WHERE assignee IS NOT NULL;
