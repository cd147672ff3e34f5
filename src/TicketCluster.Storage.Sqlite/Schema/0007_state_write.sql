-- TicketCluster storage schema, version 7 (SQLite): what the Orleans grain storage provider writes
-- beside a ticket's state (SqliteStateStorage, docs/storage.md "Orleans grain storage").
--
--   next_tick_at           INTEGER UTC ticks, null: the ticket's earliest pending SLA tick
--   events_pending_since   INTEGER UTC ticks, null: its oldest event not yet acknowledged by every receiver
--
-- The sweeper asks for tickets with either before a time; a partial index each keeps that read to the
-- few tickets that have one. Rows written before this version, and by the old runtime, read null.
ALTER TABLE ticket_query ADD COLUMN next_tick_at INTEGER NULL;
ALTER TABLE ticket_query ADD COLUMN events_pending_since INTEGER NULL;
CREATE INDEX ticket_query_next_tick_at ON ticket_query (next_tick_at) WHERE next_tick_at IS NOT NULL;
CREATE INDEX ticket_query_events_pending_since ON ticket_query (events_pending_since) WHERE events_pending_since IS NOT NULL;
