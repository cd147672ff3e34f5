using System.Net.Http;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>The webhook sender alone, fed hand-made events, against a real receiver on loopback.</summary>
public sealed class HttpWebhookSenderTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task SendAsync_Event_PostsSignedEventViewWithHeaders()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url));

        await node.SendAsync("crm", 2);

        var request = Assert.Single(_receiver.Received);
        Assert.True(request.IsSignedWith(WebhookNode.Secret));
        Assert.StartsWith("sha256=", request.Signature, StringComparison.Ordinal);
        Assert.Equal(node.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Timestamp);
        Assert.Equal("tk-1:2", request.EventId);
        Assert.Equal("acknowledged", request.EventType);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = request.Json;
        Assert.Equal("crm", body.GetProperty("subscription").GetString());
        Assert.Equal("tk-1", body.GetProperty("ticketId").GetString());
        Assert.Equal("tk-1:2", body.GetProperty("eventId").GetString());
        Assert.Equal(2, body.GetProperty("sequence").GetInt64());
        Assert.Equal("acknowledged", body.GetProperty("type").GetString());
        Assert.Equal("agent-7", body.GetProperty("actor").GetString());
        Assert.Equal("agent", body.GetProperty("role").GetString());
        Assert.Equal("Reply 2", body.GetProperty("data").GetProperty("message").GetString());
    }

    [Fact]
    public async Task SendAsync_Receiver500sThenAccepts_RetriedWithinDeliveryInOrder()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url, retries: 3), realTimeBackoff: true);
        _receiver.Respond = (_, index, _) => Task.FromResult(index < 2 ? 500 : 200);

        await node.SendAsync("crm", 2, 3);

        Assert.Equal(["tk-1:2", "tk-1:2", "tk-1:2", "tk-1:3"], _receiver.Received.Select(r => r.EventId));
        Assert.All(_receiver.Received, r => Assert.True(r.IsSignedWith(WebhookNode.Secret)));
    }

    [Fact]
    public async Task SendAsync_RetriesSpent_ThrowsBeforeLaterEvents()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url, retries: 1), realTimeBackoff: true);
        _receiver.Respond = (_, _, _) => Task.FromResult(503);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2, 3));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(["tk-1:2", "tk-1:2"], _receiver.Received.Select(r => r.EventId));
    }

    [Fact]
    public async Task SendAsync_ClientError_ThrowsWithoutRetry()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url, retries: 3), realTimeBackoff: true);
        _receiver.Respond = (_, _, _) => Task.FromResult(400);

        await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2));

        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task SendAsync_NameResolvesToLoopbackNotAllowed_RefusedWithoutRequest()
    {
        // The configuration check cannot see through a name; the connection check sees the address the
        // name resolves to now, as it would after a DNS rebinding.
        var byName = new UriBuilder(_receiver.Url) { Host = "localhost" }.Uri;
        await using var node = new WebhookNode(WebhookNode.Settings(byName, allowLoopback: false, retries: 3), realTimeBackoff: true);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2));

        var refusal = Assert.IsType<WebhookAddressRefusedException>(error.InnerException);
        Assert.Equal(AddressKind.Loopback, refusal.Kind);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task SendAsync_SubscriptionNoLongerConfigured_DropsWithoutRequest()
    {
        await using var node = new WebhookNode(WebhookNode.Settings(_receiver.Url));

        await node.SendAsync("removed", 2);

        Assert.Empty(_receiver.Received);
    }
}
