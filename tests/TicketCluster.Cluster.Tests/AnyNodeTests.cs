using System.Net;
using System.Text.Json;
using TicketCluster.Cluster.Tests.Support;
using TicketCluster.Silo.Auth;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests;

/// <summary>Real silo processes on one PostgreSQL: any node serves any ticket through its one activation. In the
/// faults' collection, which without them ran about half a minute shorter than the kills' (PostgresServerGroup).</summary>
[Collection(PostgresServerGroup.Faults)]
[Trait("Category", "Postgres")]
[Trait("Category", "Cluster")]
public sealed class AnyNodeTests(PostgresFixture postgres)
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

    /// <summary>
    /// A command through node 1 with the ETag node 2 answered: Orleans keeps one activation of the ticket for
    /// the whole cluster, so whichever node a request arrives at reaches the same, current state and the
    /// command is answered 200 (the home-made runtime answered 412 here when node 1 held a stale copy).
    /// </summary>
    [Fact]
    public async Task Command_OnAnotherNodeWithETagFromFirst_Answered200()
    {
        await using var cluster = await SiloCluster.StartAsync(postgres.Server, nodes: 2);
        var first = cluster.Nodes[0];
        var second = cluster.Nodes[1];
        using var channel = cluster.Client(first, ApiRole.Channel);
        using var agentOnFirst = cluster.Client(first, ApiRole.Agent, "alice");
        using var agentOnSecond = cluster.Client(second, ApiRole.Agent, "alice");

        using var created = await channel.PostAsync("/api/v1/tickets", System.Net.Http.Json.JsonContent.Create(Bodies.Complaint("c-etag", "o-etag"), options: Silo.Api.ApiJson.Options));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var acknowledge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{id}/acknowledge") { Content = System.Net.Http.Json.JsonContent.Create(new { message = "On it." }) };
        acknowledge.Headers.IfMatch.Add(created.Headers.ETag!);
        using var acknowledged = await agentOnSecond.SendAsync(acknowledge);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        using var assign = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{id}/assign") { Content = System.Net.Http.Json.JsonContent.Create(new { department = "customer-service", agentId = "alice" }) };
        assign.Headers.IfMatch.Add(acknowledged.Headers.ETag!);
        using var assigned = await agentOnFirst.SendAsync(assign);

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal("alice", JsonDocument.Parse(await assigned.Content.ReadAsStringAsync()).RootElement.GetProperty("assignee").GetString());
        var activations = await OrleansManagement.ActivationsOfAsync(cluster, "ticket", id);
        Assert.True(activations.Count == 1, $"activations of {id}: {string.Join(", ", activations)}");
    }
}
