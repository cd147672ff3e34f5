-- gate: migrated
-- TicketCluster storage schema, version 8 (SQLite): drops what the home-made runtime left behind
-- (docs/orleans.md, section 13.1). The first line gates it: the runner applies it only once "migrate"
-- renamed reminders to legacy_reminders, every legacy reminder is imported and the outbox is empty; until
-- then it is skipped without being recorded and tried again by every later run.
DROP TABLE IF EXISTS legacy_reminders;
DROP TABLE IF EXISTS reminders;
DROP TABLE IF EXISTS outbox;
DROP TABLE IF EXISTS tc_counters;
DROP TABLE IF EXISTS cluster_nodes;
