using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Hosting;

public sealed class ClusterApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:Runtime:NodeId"] = "node-under-test",
        ["TicketCluster:Cluster:HeartbeatInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Cluster_Admin_SeesThisNodeActiveWithItsAddress()
    {
        var admin = _silo.Client(ApiRole.Admin);
        JsonElement node = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var document = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/cluster"));
            if (document.RootElement.GetProperty("nodes").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
            {
                node = first.Clone();
                break;
            }

            await Task.Delay(100); // The first heartbeat is written just after start-up.
        }

        Assert.Equal("node-under-test", node.GetProperty("id").GetString());
        Assert.Equal("active", node.GetProperty("status").GetString());
        Assert.Equal(_silo.BaseAddress.ToString().TrimEnd('/'), node.GetProperty("address").GetString()!.TrimEnd('/'));
    }

    [Theory]
    [InlineData(ApiRole.Agent)]
    [InlineData(ApiRole.Supervisor)]
    [InlineData(ApiRole.Channel)]
    public async Task Cluster_NotAdmin_Forbidden(ApiRole role)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(role).GetAsync("/api/v1/cluster")).StatusCode);
    }
}
