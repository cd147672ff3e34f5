using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Webhooks;

namespace TicketCluster.Silo.Tests.Messages;

/// <summary>
/// Messages to the customer over real transports on loopback: e-mail tickets are answered over SMTP (a sink
/// written here) in the customer's language; app tickets through a signed POST to the app's gateway (a
/// Kestrel receiver); a failing gateway is retried and the ticket's messages show the attempts.
/// </summary>
public sealed class MessagesApiTests : IAsyncLifetime
{
    private const string Secret = "gateway-secret-0123456789";

    private SmtpSink _smtp = null!;
    private WebhookReceiver _gateway = null!;
    private TestSilo _silo = null!;
    private int _tickets;

    public async Task InitializeAsync()
    {
        _smtp = SmtpSink.Start();
        _gateway = await WebhookReceiver.StartAsync();
        _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:Messages:Smtp:Host"] = "127.0.0.1",
            ["TicketCluster:Messages:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TicketCluster:Messages:Smtp:From"] = "service@shop.example.com",
            ["TicketCluster:Messages:Gateways:App:Url"] = _gateway.Url.ToString(),
            ["TicketCluster:Messages:Gateways:App:Secret"] = Secret,
            ["TicketCluster:Messages:RetryDelay"] = "00:00:00.050",
            ["TicketCluster:Messages:MaxRetryDelay"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _gateway.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Acknowledge_EmailTicketInChinese_MailInChineseWithReceiptDeadlineAndMessageId()
    {
        var id = await OpenAsync("email", "zh-CN");
        var agent = _silo.Client(ApiRole.Agent, "alice");

        await SecurityProbe.SendAsync(agent, id, "acknowledge", new { message = "我们会在周一上门取件。" });
        await SecurityProbe.SendAsync(agent, id, "reply", new { visibility = "public", message = "快递员明天到。" });
        await _smtp.WaitForAsync(2);
        var mail = _smtp.Received[0];
        var messages = await MessagesAsync(agent, id);

        Assert.Equal(["li.lei@example.com"], mail.Recipients);
        Assert.Equal("zh-CN", mail.Header("Content-Language"));
        Assert.Equal($"{id}:4:acknowledgement", mail.Header("X-TicketCluster-Message-Id"));
        Assert.Contains("我们已收到您的请求", mail.Body, StringComparison.Ordinal);
        Assert.Contains("我们会在周一上门取件。", mail.Body, StringComparison.Ordinal);
        Assert.Contains("预计在", mail.Body, StringComparison.Ordinal);
        var first = messages[0];
        Assert.Equal(("acknowledgement", "sent", 1, "zh-CN"), (first.GetProperty("kind").GetString(), first.GetProperty("status").GetString(), first.GetProperty("attempts").GetInt32(), first.GetProperty("language").GetString()));
    }

    [Fact]
    public async Task Acknowledge_AppTicket_SignedDeliveryToTheAppGateway()
    {
        var id = await OpenAsync("app", "en");

        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "acknowledge", new { message = "We collect the kettle on Monday." });
        await _gateway.WaitForAsync(r => r.Count >= 1);
        var delivery = _gateway.Received[0];

        Assert.True(delivery.IsSignedWith(Secret));
        Assert.Equal($"{id}:4:acknowledgement", delivery.MessageId);
        Assert.Equal(delivery.MessageId, delivery.Json.GetProperty("id").GetString());
        Assert.Equal("en", delivery.Json.GetProperty("language").GetString());
        Assert.Contains("We collect the kettle on Monday.", delivery.Json.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_GatewayFailsTwice_RetriedAndAttemptsShown()
    {
        _gateway.Respond = (_, index, _) => Task.FromResult(index < 2 ? StatusCodes503 : 200);
        var id = await OpenAsync("app", "en");
        var agent = _silo.Client(ApiRole.Agent, "alice");

        await SecurityProbe.SendAsync(agent, id, "acknowledge", new { message = "On it." });
        await SecurityProbe.SendAsync(agent, id, "reply", new { visibility = "public", message = "Still on it." });
        await _gateway.WaitForAsync(r => r.Any(d => d.MessageId!.EndsWith(":reply", StringComparison.Ordinal)));
        var first = (await MessagesAsync(agent, id))[0];

        Assert.Equal(3, _gateway.Received.Count(d => d.MessageId!.EndsWith(":acknowledgement", StringComparison.Ordinal)));
        Assert.Equal(("sent", 3), (first.GetProperty("status").GetString(), first.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task Messages_Merchant_404()
    {
        var id = await OpenAsync("app", "en");

        var response = await _silo.Client(ApiRole.Merchant, "m-1").GetAsync($"/api/v1/tickets/{id}/messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private const int StatusCodes503 = 503;

    private async Task<string> OpenAsync(string channel, string language)
    {
        var intake = Intakes.Complaint(orderId: $"o-msg-{Interlocked.Increment(ref _tickets)}", channel: channel);
        ((Dictionary<string, object?>)intake["customer"]!)["language"] = language;
        var created = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", intake);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> MessagesAsync(HttpClient client, string id)
    {
        var response = await client.GetAsync($"/api/v1/tickets/{id}/messages");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).EnumerateArray()];
    }
}
