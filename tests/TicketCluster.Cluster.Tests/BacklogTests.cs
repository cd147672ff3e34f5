using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using Orleans.Runtime;
using TicketCluster.Cluster.Tests.Support;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;
using Xunit.Abstractions;

namespace TicketCluster.Cluster.Tests;

/// <summary>
/// After an outage: tickets whose second-level escalation fell due while no node ran (their Orleans reminders
/// due in the past). The cluster starts and drains them; each ticket escalates to level 2 exactly once. The drain rate is written to the test
/// output (the benchmark in bench/ measures it properly); the size is <see cref="BacklogSize"/>, or the
/// <c>TICKETCLUSTER_BACKLOG</c> environment variable for a longer run.
/// </summary>
[Collection(PostgresServerGroup.Kills)]
[Trait("Category", "Postgres")]
[Trait("Category", "Cluster")]
public sealed class BacklogTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int BacklogSize = 2_000;

    [Fact]
    public async Task DueBacklogAfterAnOutage_DrainsWithEveryTicketEscalatedOnce()
    {
        var size = int.TryParse(Environment.GetEnvironmentVariable("TICKETCLUSTER_BACKLOG"), out var configured) ? configured : BacklogSize;
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 1, SiloCluster.ShortReminders(new Dictionary<string, string>
        {
            ["TICKETCLUSTER__SLA__FIRSTRESPONSENORMAL"] = "00:00:01",
            ["TICKETCLUSTER__ESCALATION__SECONDLEVELFACTOR"] = "30",
        }));

        // One real ticket brought to level 1 by the cluster itself; its next tick (level 2) is at 30 s, so a first
        // tick that comes late on a loaded machine (the next reminder period, or the sweeper's poke) still finds
        // level 1 alone due: with level 2 a few seconds after it, a late tick caught up both stages at once and
        // level 1 was never seen.
        var node = cluster.Nodes[0];
        var channel = cluster.Client(node, ApiRole.Channel);
        using var created = await channel.PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(Bodies.Complaint("c-outage", "o-outage"), options: Silo.Api.ApiJson.Options));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var source = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var admin = new ClusterClient([() => cluster.Client(node, ApiRole.Admin)]);
        await Eventually.Async(
            async () => (await admin.GetJsonAsync($"/api/v1/tickets/{source}"))?.GetProperty("escalationLevel").GetInt32() == 1,
            TimeSpan.FromSeconds(60),
            cluster.Logs);

        // The outage: the node dies before level 2, and the ticket is cloned into a backlog (state, queue row
        // and Orleans reminders) whose level-2 ticks all fall due while nothing runs.
        await node.KillAsync();
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            var grainId = await Scalar<string>(connection, $"SELECT grainid FROM orleansreminderstable WHERE grainid LIKE '%/{source}' LIMIT 1");
            var grainType = grainId[..grainId.IndexOf('/', StringComparison.Ordinal)];
            var keys = Enumerable.Range(1, size).Select(i => "backlog-" + i).ToArray();
            var hashes = keys.Select(k => unchecked((int)GrainId.Create(grainType, k).GetUniformHashCode())).ToArray();
            await Execute(connection, """
                INSERT INTO grain_state (grain_type, grain_key, version, state, updated_at)
                SELECT grain_type, k, version, convert_to(replace(convert_from(state, 'UTF8'), @source, k), 'UTF8'), updated_at
                FROM grain_state, unnest(@keys) AS k WHERE grain_key = @source
                """, source, keys, hashes);
            await Execute(connection, """
                INSERT INTO ticket_query
                SELECT (jsonb_populate_record(NULL::ticket_query, to_jsonb(q) || jsonb_build_object('ticket_id', k))).*
                FROM ticket_query q, unnest(@keys) AS k WHERE q.ticket_id = @source
                """, source, keys, hashes);
            await Execute(connection, """
                INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
                SELECT r.serviceid, split_part(r.grainid, '/', 1) || '/' || k.key, r.remindername, r.starttime, r.period, k.hash, 0
                FROM orleansreminderstable r, unnest(@keys, @hashes) AS k(key, hash) WHERE r.grainid LIKE '%/' || @source
                """, source, keys, hashes);
            await Execute(connection, "DELETE FROM orleansreminderstable WHERE grainid LIKE '%/' || @source", source, keys, hashes);
            await Execute(connection, "ANALYZE orleansreminderstable; ANALYZE grain_state; ANALYZE ticket_query", source, keys, hashes);
            Assert.Equal(size, await Due(connection));

            // Every clone's level-2 tick falls due while nothing runs.
            var level2 = await Scalar<DateTime>(connection, $"SELECT next_tick_at FROM ticket_query WHERE ticket_id = '{source}'");
            var wait = level2.ToUniversalTime() - DateTime.UtcNow + TimeSpan.FromSeconds(1);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // Back up: the node restarts (on its own silo port, so it retires its killed generation at once) and
            // two more join; the three drain the backlog.
            var clock = Stopwatch.StartNew();
            await node.StartAsync(SiloCluster.StartTimeout);
            await Task.WhenAll(cluster.AddNodeAsync(), cluster.AddNodeAsync());
            await Eventually.Async(async () => await Due(connection) == 0, TimeSpan.FromMinutes(5), cluster.Logs);
            output.WriteLine($"{size} due reminders drained by 3 nodes in {clock.Elapsed.TotalSeconds:F1} s ({size / clock.Elapsed.TotalSeconds:F0}/s, start-up included)");

            // Exactly once: every clone is at level 2 with one level-2 escalation in its trail.
            var counts = await Scalar<long[]>(connection, """
                SELECT ARRAY[
                  count(*) FILTER (WHERE n = 1),
                  count(*) FILTER (WHERE n = 0),
                  count(*) FILTER (WHERE n > 1)]
                FROM (
                  SELECT (length(s) - length(replace(s, '"level":2', ''))) / length('"level":2') AS n
                  FROM (SELECT convert_from(state, 'UTF8') AS s FROM grain_state WHERE grain_type = 'ticket' AND grain_key LIKE 'backlog-%') t) c
                """);
            Assert.Equal(size, counts[0]);
            Assert.Equal(0, counts[1]);
            Assert.Equal(0, counts[2]);
        }
    }

    /// <summary>Backlog tickets whose first-response clock still has a reminder: the ticket removes it when
    /// the level-2 tick has been handled and the clock has no tick left.</summary>
    private static async Task<long> Due(NpgsqlConnection connection) =>
        await Scalar<long>(connection, "SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE '%/backlog-%' AND remindername = 'clock:FirstResponse'");

    private static async Task Execute(NpgsqlConnection connection, string sql, string source, string[] keys, int[] hashes)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("keys", keys);
        command.Parameters.AddWithValue("hashes", hashes);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
