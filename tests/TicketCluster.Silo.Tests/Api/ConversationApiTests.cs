using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Replies and internal notes over real HTTP: both in the staff's audit trail; the customer's and the
/// merchant's trail shows the public reply and never the internal note.</summary>
public sealed class ConversationApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private static int _tickets;

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Reply_PublicAndInternal_StaffSeeBothCustomerAndMerchantOnlyThePublicReply()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-talk-{Interlocked.Increment(ref _tickets)}");
        var agent = _silo.Client(ApiRole.Agent, "alice");

        await SecurityProbe.SendAsync(agent, ticket.Id, "reply", new { visibility = "public", message = "The courier collects it tomorrow." });
        await SecurityProbe.SendAsync(agent, ticket.Id, "reply", new { visibility = "internal", message = "Merchant has a history; push for a refund." });

        var staff = await TypesAsync(agent, ticket.Id);
        var customer = await TypesAsync(_silo.Client(ApiRole.Customer, "c-1"), ticket.Id);
        var merchant = await TypesAsync(_silo.Client(ApiRole.Merchant, "m-1"), ticket.Id);

        Assert.Contains("reply-sent", staff);
        Assert.Contains("internal-note-added", staff);
        Assert.Contains("reply-sent", customer);
        Assert.DoesNotContain("internal-note-added", customer);
        Assert.DoesNotContain("internal-note-added", merchant);
        var customerTrail = await (await _silo.Client(ApiRole.Customer, "c-1").GetAsync($"/api/v1/tickets/{ticket.Id}/events")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("push for a refund", customerTrail, StringComparison.Ordinal);
        Assert.Contains("The courier collects it tomorrow.", customerTrail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_ByCustomerOrUnknownVisibility_403And400()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-talk-{Interlocked.Increment(ref _tickets)}");

        var customer = await _silo.Client(ApiRole.Customer, "c-1").PostJsonAsync($"/api/v1/tickets/{ticket.Id}/reply", new { visibility = "public", message = "Hi" });
        var unknown = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{ticket.Id}/reply", new { visibility = "shouted", message = "Hi" });

        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("visibility", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Satisfaction_Dissatisfied_CallbackWithDeadlineThenCallbackDone()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-talk-{Interlocked.Increment(ref _tickets)}");
        var agent = _silo.Client(ApiRole.Agent, "alice");
        await SecurityProbe.SendAsync(agent, ticket.Id, "answer-on-the-spot", new { answer = "Hold the button for five seconds." });

        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), ticket.Id, "satisfaction", new { score = 1, comment = "Useless." });
        var owed = await SecurityProbe.TicketJsonAsync(agent, ticket.Id);
        await SecurityProbe.SendAsync(agent, ticket.Id, "callback-done", new { outcome = "settled", note = "Called; the reset worked after all." });
        var done = await SecurityProbe.TicketJsonAsync(agent, ticket.Id);
        var again = await agent.PostJsonAsync($"/api/v1/tickets/{ticket.Id}/callback-done", new { outcome = "settled", note = "Again." });

        Assert.Equal(1, owed.GetProperty("callback").GetProperty("score").GetInt32());
        Assert.Equal("running", Deadline(owed, "callback"));
        Assert.Equal("settled", done.GetProperty("callback").GetProperty("outcome").GetString());
        Assert.Equal("met", Deadline(done, "callback"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("no-callback", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string? Deadline(JsonElement ticket, string clock) =>
        ticket.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("clock").GetString() == clock).GetProperty("state").GetString();

    private static async Task<List<string>> TypesAsync(HttpClient client, string ticketId)
    {
        var response = await client.GetAsync($"/api/v1/tickets/{ticketId}/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];
    }
}
