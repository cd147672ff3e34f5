namespace TicketCluster.Benchmarks.Intake;

/// <summary>
/// The hardware limit: pgbench inserting the rows of <c>tickets</c> intakes per transaction (state, query
/// row, idempotency key and two rows of Orleans' reminder table per ticket, as <see cref="PgBench"/>'s one-ticket
/// script), each table in one <c>INSERT … SELECT … generate_series</c>. One commit flush and a handful of
/// statements per thousand tickets: what the server can write when nothing is per ticket but the rows.
/// </summary>
internal static class PgBenchBatch
{
    public static string Script(int stateBytes, int tickets) => $$"""
        \set n random(1, 2000000000)
        BEGIN;
        INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at)
          SELECT 'pgbatch', :client_id || '-' || :n || '-' || g, 1, convert_to(repeat('x', {{stateBytes}}), 'UTF8'), now()
          FROM generate_series(1, {{tickets}}) g ON CONFLICT DO NOTHING;
        INSERT INTO ticket_query (ticket_id, status, severity, category, channel, customer_id, merchant_id, order_id,
            department, assignee, escalation_level, next_deadline, created_at, updated_at, resolved_at)
          SELECT 'pgbatch-' || :client_id || '-' || :n || '-' || g, 'open', 'normal', 'product-quality', 'app', 'C1', 'M1', 'O1',
            NULL, NULL, 0, now() + interval '24 hours', now(), now(), NULL
          FROM generate_series(1, {{tickets}}) g ON CONFLICT DO NOTHING;
        INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
          SELECT 'pgbatch', 'ticket/' || :client_id || '-' || :n || '-' || g, r.name, now() + r.after, 60000, hashtext(:client_id || '-' || :n || '-' || g), 0
          FROM generate_series(1, {{tickets}}) g,
               (VALUES ('clock:FirstResponse', interval '19 hours'), ('clock:Resolution', interval '134 hours')) AS r(name, after)
          ON CONFLICT DO NOTHING;
        INSERT INTO idempotency (scope, key, owner_type, owner_key, created_at)
          SELECT 'channel:app', 'pgbatch-' || :client_id || '-' || :n || '-' || g, 'pgbatch', :client_id || '-' || :n || '-' || g, now()
          FROM generate_series(1, {{tickets}}) g ON CONFLICT DO NOTHING;
        COMMIT;
        """;
}
