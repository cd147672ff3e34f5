using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Hosting;

public sealed class ClusterApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(configure: Telemetry.TestNodes.Named("node-under-test"));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Cluster_Admin_SeesThisSiloActiveWithItsActivationsAndBacklogs()
    {
        var created = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var document = JsonDocument.Parse(await _silo.Client(ApiRole.Admin).GetStringAsync("/api/v1/cluster"));

        var root = document.RootElement;
        var node = Assert.Single(root.GetProperty("nodes").EnumerateArray());
        Assert.Equal("node-under-test", node.GetProperty("id").GetString());
        Assert.Equal("active", node.GetProperty("status").GetString());
        var siloAddress = _silo.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Equal(siloAddress.ToParsableString(), node.GetProperty("address").GetString());
        Assert.True(node.GetProperty("activations").GetInt32() >= 2, "The ticket and its customer are active.");

        // A new ticket's counting clocks have a reminder each, none due yet; it owes its parties their facts
        // until its push has run.
        Assert.True(root.GetProperty("remindersPending").GetInt64() >= 1);
        Assert.Equal(0, root.GetProperty("remindersDue").GetInt64());
    }
}
