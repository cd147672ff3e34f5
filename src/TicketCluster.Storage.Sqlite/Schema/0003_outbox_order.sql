-- TicketCluster storage schema, version 3 (SQLite): messages of one target in order.
-- The outbox claim passes over a message while an earlier message of the same target is held by a
-- live lease. This index answers "is there an earlier message of this target" without a scan.
CREATE INDEX outbox_target_seq ON outbox (target_type, target_key, seq);
