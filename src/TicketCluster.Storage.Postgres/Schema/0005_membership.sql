-- TicketCluster storage schema, version 5 (PostgreSQL): the membership table, for visibility only.
-- heartbeat_at is the database's now() at the heartbeat, so nodes with skewed clocks are judged alike.
CREATE TABLE cluster_nodes (
  node_id text PRIMARY KEY,
  address text NOT NULL,
  version text NOT NULL,
  started_at timestamptz NOT NULL,
  status text NOT NULL,
  activations integer NOT NULL,
  reminders_claimed bigint NOT NULL,
  reminders_fired bigint NOT NULL,
  heartbeat_at timestamptz NOT NULL
);
