using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The ticket endpoints over real HTTP on an embedded SQLite node, shared by the class's tests: each
/// opens tickets of a customer and order of its own.</summary>
public sealed class TicketsApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private static int _orders;

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Submit_NewIntake_Returns201WithLocationAndCreated()
    {
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", NewComplaint());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(IntakeOutcome.Created, ticket.Intake);
        Assert.Equal($"/api/v1/tickets/{ticket.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Contains(ticket.Deadlines, d => d.Clock == Domain.Sla.ClockKind.FirstResponse && d.DueAt is not null);
    }

    [Fact]
    public async Task Submit_SameIdempotencyKeyTwice_ReplaysTheFirstTicket()
    {
        var client = _silo.Client(ApiRole.Channel);
        var body = NewComplaint();
        using var first = Post(body, "key-1");
        using var second = Post(body, "key-1");

        var created = await client.SendAsync(first);
        var replayed = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var view = await replayed.ReadAsync<TicketView>();
        Assert.Equal(IntakeOutcome.Replayed, view.Intake);
        Assert.Equal((await created.ReadAsync<TicketView>()).Id, view.Id);
    }

    [Fact]
    public async Task Acknowledge_ByAgent_MovesTicketAndMeetsFirstResponse()
    {
        var id = await CreateAsync();

        var response = await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "We are on it." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(TicketStatus.Acknowledged, ticket.Status);
        Assert.Contains(ticket.Deadlines, d => d.Clock == Domain.Sla.ClockKind.FirstResponse && d.State == Domain.Sla.ClockStatus.Met);
    }

    [Fact]
    public async Task Command_NotAllowedInStatus_Returns409NamingStatusAndAllowed()
    {
        var id = await CreateAsync();

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/resolve", new { result = "done" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("open", problem.RootElement.GetProperty("ticketStatus").GetString());
        Assert.Contains("acknowledge", problem.RootElement.GetProperty("allowedCommands").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Command_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var id = await CreateAsync();
        var client = _silo.Client(ApiRole.Agent);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{id}/acknowledge")
        {
            Content = new StringContent("{\"message\":\"hi\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var ticket = await (await client.GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
        Assert.Equal(TicketStatus.Open, ticket.Status);
    }

    [Fact]
    public async Task Get_OtherMerchantsTicket_Returns404LikeMissing()
    {
        var id = await CreateAsync(merchantId: "m-1");

        var own = await _silo.Client(ApiRole.Merchant, tenant: "m-1").GetAsync($"/api/v1/tickets/{id}");
        var other = await _silo.Client(ApiRole.Merchant, tenant: "m-2").GetAsync($"/api/v1/tickets/{id}");
        var missing = await _silo.Client(ApiRole.Merchant, tenant: "m-2").GetAsync("/api/v1/tickets/tk-missing");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var masked = await own.ReadAsync<TicketView>();
        Assert.DoesNotContain("Li Lei", masked.Customer.Name, StringComparison.Ordinal);
        Assert.Null(masked.Customer.Id);
    }

    [Fact]
    public async Task Events_ListTheAuditTrailInOrder()
    {
        var id = await CreateAsync();
        await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." });

        var events = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}/events")).ReadAsync<EventView[]>();

        Assert.Equal("opened", events[0].Type);
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Contains(events, e => e.Type == "acknowledged" && e.Actor == "alice" && e.Role == ActorRole.Agent);
    }

    [Fact]
    public async Task Submit_WrongContentType_Returns415Problem()
    {
        using var content = new StringContent("channel=web", Encoding.UTF8, "text/plain");

        var response = await _silo.Client(ApiRole.Channel).PostAsync("/api/v1/tickets", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Submit_ManyBadFields_Returns400NamingEach()
    {
        var body = Intakes.Complaint(amount: -1m, currency: "XXQ");
        ((Dictionary<string, object?>)body["customer"]!)["email"] = "not-an-email";
        body["description"] = "";

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "order.currency", "order.amount", "customer.email", "description" }, fields);
    }

    [Fact]
    public async Task Submit_UnknownProperty_Returns400NamingIt()
    {
        var body = Intakes.Complaint();
        body["colour"] = "red";

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("colour", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BodyOverLimit_Returns413()
    {
        var body = Intakes.Complaint(description: new string('x', 70 * 1024));

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutToken_Returns401Problem()
    {
        var response = await _silo.Anonymous().GetAsync("/api/v1/tickets/tk-1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_ReadyOnceStarted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _silo.Anonymous().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _silo.Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    private static HttpRequestMessage Post(object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>A complaint about an order no other test of the class uses, so it opens a ticket of its own.</summary>
    private static Dictionary<string, object?> NewComplaint(string merchantId = "m-1")
    {
        var order = Interlocked.Increment(ref _orders);
        return Intakes.Complaint(customerId: $"c-{order}", merchantId: merchantId, orderId: $"o-{order}");
    }

    private async Task<string> CreateAsync(string merchantId = "m-1")
    {
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", NewComplaint(merchantId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }
}
