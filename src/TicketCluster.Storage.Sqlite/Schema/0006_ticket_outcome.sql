-- TicketCluster storage schema, version 5 (SQLite): how a ticket ended, for the summary report's count
-- by outcome. The same column as PostgreSQL's script 0009 (see there). Rows written before this version
-- read null until their ticket's next turn.
ALTER TABLE ticket_query ADD COLUMN outcome TEXT NULL;
