using System.Net;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Webhooks;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API7:2023, server-side request forgery. The node fetches nothing a client names: evidence URLs are
/// references (with a content hash) that are stored and shown, never requested. The only requests it
/// makes are webhook deliveries to configured addresses, and their connections are checked against the
/// address policy after name resolution (docs/silo.md, Webhooks).
/// </summary>
public sealed class Api7ServerSideRequestForgeryTests
{
    [Fact]
    public async Task EvidenceUrls_OnIntakeAndCommand_NeverFetched()
    {
        await using var target = new RawHttpResponder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await using var silo = await TestSilo.StartSqliteAsync();
        var evidence = new[] { new { kind = "photo", url = $"http://127.0.0.1:{target.Port}/latest/meta-data/", sha256 = new string('b', 64) } };
        var body = Intakes.Complaint();
        body["evidence"] = evidence;

        var created = await silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", body);
        var id = (await created.ReadAsync<TicketView>()).Id;
        var added = await silo.Client(ApiRole.Customer, "app", "c-1").PostJsonAsync($"/api/v1/tickets/{id}/add-evidence", new { evidence });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal($"http://127.0.0.1:{target.Port}/latest/meta-data/", (await added.ReadAsync<TicketView>()).Evidence[0].Url);
        Assert.Equal(0, target.Connections);
    }

    [Fact]
    public async Task WebhookDelivery_LoopbackAddressNotAllowed_RefusedBeforeConnecting()
    {
        await using var target = new RawHttpResponder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await using var node = new WebhookNode(WebhookNode.Settings(target.Url, allowLoopback: false, retries: 2), realTimeBackoff: true);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2));

        Assert.Equal(AddressKind.Loopback, Assert.IsType<WebhookAddressRefusedException>(error.InnerException).Kind);
        Assert.Equal(0, target.Connections);
    }
}
