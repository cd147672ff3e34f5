-- TicketCluster storage schema, version 4 (PostgreSQL): messages of one target in order.
-- The outbox claim passes over a message while an earlier message of the same target is still
-- undelivered and out of its reach (leased or being claimed). This index answers "is there an earlier
-- message of this target" without scanning the backlog.
CREATE INDEX outbox_target_seq ON outbox (target_type, target_key, seq);
