-- TicketCluster storage schema, version 5 (SQLite): the table of the node's Orleans reminders, read and
-- written by the project's own reminder table (Orleans publishes no SQLite reminder queries;
-- docs/orleans.md, section 4.6). One row per (service, grain, reminder name).
-- grain_hash is the grain's uniform hash as its unsigned value (0 to 2^32 - 1), so ring ranges compare
-- as Orleans means them; start_at is UTC ticks and period ticks, as the other tables' times; etag grows
-- by one on every upsert.
CREATE TABLE orleans_reminders (
  service_id TEXT NOT NULL,
  grain_id TEXT NOT NULL,
  reminder_name TEXT NOT NULL,
  grain_hash INTEGER NOT NULL CHECK (grain_hash BETWEEN 0 AND 4294967295),
  start_at INTEGER NOT NULL,
  period INTEGER NOT NULL,
  etag INTEGER NOT NULL,
  PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
