-- TicketCluster storage schema, version 4 (SQLite): the membership table, for visibility only.
-- Times are ticks of UTC, as in the other tables.
CREATE TABLE cluster_nodes (
  node_id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  version TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  activations INTEGER NOT NULL,
  reminders_claimed INTEGER NOT NULL,
  reminders_fired INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
