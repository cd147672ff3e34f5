using TicketCluster.Silo.Tests.Webhooks;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API10:2023, unsafe consumption of APIs: what a webhook receiver answers is trusted for its status
/// alone. Its body is never read (so an endless or huge body costs nothing), a redirect is not followed
/// (the feed keeps the event), and a malformed answer is a failed delivery, retried, never a
/// delivered one.
/// </summary>
public sealed class Api10UnsafeConsumptionOfApisTests
{
    [Fact]
    public async Task Delivery_AnswerPromisesAGigabyteAndSendsNothing_DeliveredWithoutReadingIt()
    {
        await using var receiver = new RawHttpResponder("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"ticket\":");
        await using var node = new WebhookNode(WebhookNode.Settings(receiver.Url));

        await node.SendAsync("crm", 2);

        Assert.Equal(1, receiver.Connections);
    }

    [Fact]
    public async Task Delivery_RedirectToAnotherAddress_NotFollowedAndNotDelivered()
    {
        await using var inner = new RawHttpResponder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await using var receiver = new RawHttpResponder($"HTTP/1.1 307 Temporary Redirect\r\nLocation: {inner.Url}\r\nContent-Length: 0\r\n\r\n");
        await using var node = new WebhookNode(WebhookNode.Settings(receiver.Url, retries: 2), realTimeBackoff: true);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2));

        Assert.Equal(System.Net.HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Equal(0, inner.Connections);
        Assert.Equal(1, receiver.Connections);
    }

    [Fact]
    public async Task Delivery_AnswerIsNotHttp_FailedAndRetried()
    {
        await using var receiver = new RawHttpResponder("SSH-2.0-OpenSSH_9.6\r\n\r\n");
        await using var node = new WebhookNode(WebhookNode.Settings(receiver.Url, retries: 2), realTimeBackoff: true);

        await Assert.ThrowsAsync<HttpRequestException>(() => node.SendAsync("crm", 2));

        Assert.Equal(3, receiver.Connections);
    }
}
