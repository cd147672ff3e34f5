-- TicketCluster storage schema, version 2 (SQLite): what the work queues and the summary report read
-- from the ticket query table. The same columns and indexes as PostgreSQL's script 0003 (see there);
-- ticket ids compare with SQLite's default BINARY collation, byte order like PostgreSQL's "C".
ALTER TABLE ticket_query ADD COLUMN acknowledged_at INTEGER NULL;
ALTER TABLE ticket_query ADD COLUMN satisfaction_score INTEGER NULL CHECK (satisfaction_score BETWEEN 1 AND 5);
ALTER TABLE ticket_query ADD COLUMN clocks_met TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_query ADD COLUMN clocks_breached TEXT NOT NULL DEFAULT '';

-- "No deadline" is the largest INTEGER, after the ticks of every real time; the expressions are
-- spelled exactly as the queries spell them (TicketQuerySql.DeadlineKey), which SQLite needs to use them.
DROP INDEX ticket_query_status_deadline;
DROP INDEX ticket_query_merchant;
CREATE INDEX ticket_query_deadline ON ticket_query (coalesce(next_deadline, 9223372036854775807), ticket_id);
CREATE INDEX ticket_query_status_deadline ON ticket_query (status, coalesce(next_deadline, 9223372036854775807), ticket_id);
CREATE INDEX ticket_query_merchant_deadline ON ticket_query (merchant_id, coalesce(next_deadline, 9223372036854775807), ticket_id);
CREATE INDEX ticket_query_created ON ticket_query (created_at, ticket_id);
CREATE INDEX ticket_query_merchant_created ON ticket_query (merchant_id, created_at, ticket_id);
