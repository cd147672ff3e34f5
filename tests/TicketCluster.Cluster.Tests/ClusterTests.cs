using System.Net;
using System.Text.Json;
using TicketCluster.Cluster.Tests.Support;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests;

/// <summary>Real silo processes on one PostgreSQL: any node serves any ticket, and killing nodes under
/// traffic loses nothing and duplicates nothing.</summary>
[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
[Trait("Category", "Cluster")]
public sealed class ClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AnyNode_ReadsWhatAnotherNodeAcknowledged()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 3);
        var channels = cluster.Nodes.Select(n => cluster.Client(n, ApiRole.Channel)).ToList();
        var agents = cluster.Nodes.Select(n => cluster.Client(n, ApiRole.Agent, "alice")).ToList();

        for (var i = 0; i < 12; i++)
        {
            using var created = await channels[i % 3].PostAsync(
                "/api/v1/tickets",
                System.Net.Http.Json.JsonContent.Create(Bodies.Complaint($"c-{i}", $"o-{i}"), options: Silo.Api.ApiJson.Options));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

            using var acknowledged = await agents[(i + 1) % 3].PostAsync(
                $"/api/v1/tickets/{id}/acknowledge",
                System.Net.Http.Json.JsonContent.Create(new { message = "On it." }));
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            var version = JsonDocument.Parse(await acknowledged.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64();

            var read = JsonDocument.Parse(await agents[(i + 2) % 3].GetStringAsync($"/api/v1/tickets/{id}")).RootElement;
            Assert.Equal(version, read.GetProperty("version").GetInt64());
            Assert.Equal("acknowledged", read.GetProperty("status").GetString());
        }
    }

    /// <summary>The membership table: every node heart-beats; a killed node is shown dead after the
    /// timeout, a node stopped gracefully leaves, a new one appears.</summary>
    [Fact]
    public async Task Membership_KilledNodeShownDeadStoppedNodeLeavesNewNodeJoins()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 3, new Dictionary<string, string>
        {
            ["TICKETCLUSTER__CLUSTER__HEARTBEATINTERVAL"] = "00:00:00.200",
            ["TICKETCLUSTER__CLUSTER__DEADAFTER"] = "00:00:02",
        });
        var admin = new ClusterClient([() => cluster.Nodes[0].IsRunning ? cluster.Client(cluster.Nodes[0], ApiRole.Admin) : null]);
        async Task<Dictionary<string, string>> StatusesAsync() =>
            (await admin.GetJsonAsync("/api/v1/cluster"))!.Value.GetProperty("nodes").EnumerateArray()
                .ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("status").GetString()!);

        await Eventually.Async(async () => (await StatusesAsync()).Values.Count(s => s == "active") == 3, TimeSpan.FromSeconds(30), cluster.Logs);
        await cluster.Nodes[1].KillAsync();
        await cluster.Nodes[2].StopAsync(TimeSpan.FromSeconds(30));
        var added = await cluster.AddNodeAsync();

        await Eventually.Async(
            async () =>
            {
                var statuses = await StatusesAsync();
                return statuses.GetValueOrDefault(cluster.Nodes[1].NodeId) == "dead"
                    && !statuses.ContainsKey(cluster.Nodes[2].NodeId)
                    && statuses.GetValueOrDefault(added.NodeId) == "active"
                    && statuses.GetValueOrDefault(cluster.Nodes[0].NodeId) == "active";
            },
            TimeSpan.FromSeconds(30),
            cluster.Logs);
    }

    /// <summary>
    /// Steady intake over three nodes with a three-second first-response window; one node is SIGKILLed
    /// and restarted again and again. Every ticket left alone must escalate to level 1 and then 2 exactly
    /// once; every ticket acknowledged with a 2xx must stay acknowledged and never escalate; every 2xx
    /// intake must exist. Lost, duplicated and unexpected effects are counted and must all be zero.
    /// </summary>
    [Fact]
    public async Task KillingANodeRepeatedly_EveryDeadlineFiresInEffectExactlyOnce()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 3, new Dictionary<string, string>
        {
            ["TICKETCLUSTER__SLA__FIRSTRESPONSENORMAL"] = "00:00:03",
            ["TICKETCLUSTER__RUNTIME__REMINDERS__LEASE"] = "00:00:02",
            ["TICKETCLUSTER__RUNTIME__REMINDERS__MAXPOLLINTERVAL"] = "00:00:00.200",
        });
        var victim = cluster.Nodes[1];
        var channel = cluster.Gateway(ApiRole.Channel);
        var agent = cluster.Gateway(ApiRole.Agent);
        var history = new History();

        using var chaos = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            while (!chaos.IsCancellationRequested)
            {
                await Task.Delay(700);
                await victim.KillAsync();
                history.Kills++;
                await Task.Delay(500);
                await victim.StartAsync(SiloCluster.StartTimeout);
            }
        });

        const int Tickets = 40;
        for (var i = 0; i < Tickets; i++)
        {
            using var created = await channel.PostAsync("/api/v1/tickets", Bodies.Complaint($"c-{i}", $"o-{i}"), idempotencyKey: $"intake-{i}");
            Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"intake {i}: {created.StatusCode}");
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            history.Created.Add(id);
            if (i % 2 == 0)
            {
                using var ack = await agent.PostAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." });
                if (ack.StatusCode == HttpStatusCode.OK)
                {
                    history.Acknowledged.Add(id);
                }
                else
                {
                    history.Ambiguous.Add(id);
                }
            }
        }

        await chaos.CancelAsync();
        await killer;
        if (!victim.IsRunning)
        {
            await victim.StartAsync(SiloCluster.StartTimeout);
        }

        var reader = cluster.Gateway(ApiRole.Admin);
        var unacknowledged = history.Created.Except(history.Acknowledged).Except(history.Ambiguous).ToList();
        await History.AwaitSecondLevelAsync(reader, unacknowledged, TimeSpan.FromSeconds(90), cluster.Logs);
        await history.CheckAllAsync(reader);

        Assert.True(history.Kills > 0, "the node was never killed");
        history.AssertNoAnomalies();
    }
}
