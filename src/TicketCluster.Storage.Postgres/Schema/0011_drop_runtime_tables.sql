-- gate: migrated
-- TicketCluster storage schema, version 11 (PostgreSQL): drops what the home-made runtime left behind
-- (docs/orleans.md, section 13.1). The first line gates it: the runner applies it only once "migrate"
-- renamed reminders to legacy_reminders, every legacy reminder is imported and the outbox is empty; until
-- then it is skipped without being recorded and tried again by every later run.
DROP TABLE IF EXISTS legacy_reminders, reminders, outbox, cluster_nodes;
DROP FUNCTION IF EXISTS tc_write;
DROP FUNCTION IF EXISTS tc_next_due;
DROP SEQUENCE IF EXISTS tc_fence;
