using System.Net;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The facts an intake keeps besides the order, over real HTTP on an embedded SQLite node: when and
/// where the problem happened, the order line, the customer's language and time zone. The tests share one
/// node: each intake names an order of its own, and the refused ones store nothing.</summary>
public sealed class IntakeFactsApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private static int _tickets;
    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Submit_WithIncidentLanguageAndZone_ShownToStaffMerchantSeesNoZone()
    {
        var body = Complaint();

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 9, 30, 0, TimeSpan.Zero), ticket.Incident?.OccurredAt);
        Assert.Equal(new ServiceLocation(LocationKind.ServicePoint, "sp-12", "Xidan service desk"), ticket.Incident?.Location);
        Assert.Equal(new OrderLineRef("L1", "K-1"), ticket.Incident?.OrderLine);
        Assert.Equal("zh-CN", ticket.Customer.Language);
        Assert.Equal("Asia/Shanghai", ticket.Customer.TimeZone);
        Assert.Equal("1.7 L, white", ticket.Order.Items.Single().Spec);
        var merchant = await (await _silo.Client(ApiRole.Merchant, "m-1", "m-1").GetAsync($"/api/v1/tickets/{ticket.Id}")).ReadAsync<TicketView>();
        Assert.Equal("zh-CN", merchant.Customer.Language);
        Assert.Null(merchant.Customer.TimeZone);
        Assert.Equal(ticket.Incident, merchant.Incident);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("China Standard Time")]
    [InlineData("+08:00")]
    public async Task Submit_NotAnIanaZone_400NamingCustomerTimeZone(string zone)
    {
        var body = Complaint();
        Customer(body)["timeZone"] = zone;

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).ContainsKey("customer.timeZone"));
    }

    [Fact]
    public async Task Submit_BadLanguageFutureTimeLocationWithoutKind_400NamingEach()
    {
        var body = Complaint();
        Customer(body)["language"] = "de";
        body["occurredAt"] = DateTimeOffset.UtcNow.AddDays(3).ToString("O");
        body["location"] = new { id = "store-1" };

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Superset(new HashSet<string> { "customer.language", "occurredAt", "location.kind" }, errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task Submit_OccurredLaterToday_400FromTheDomain()
    {
        var body = Complaint();
        body["occurredAt"] = DateTimeOffset.UtcNow.AddHours(2).ToString("O");

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("occurredAt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_OrderLineNotInTheOrder_400NamingOrderLine()
    {
        var body = Complaint();
        body["orderLine"] = new { sku = "K-404" };

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("orderLine", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Complaint()
    {
        var n = Interlocked.Increment(ref _tickets);
        var body = Intakes.Complaint(orderId: $"o-facts-{n}", externalId: $"facts-{n}");
        Customer(body)["language"] = "zh-CN";
        Customer(body)["timeZone"] = "Asia/Shanghai";
        var order = (Dictionary<string, object?>)body["order"]!;
        order["items"] = new[] { new Dictionary<string, object?> { ["sku"] = "K-1", ["name"] = "Kettle", ["quantity"] = 1, ["unitPrice"] = 199.00m, ["lineId"] = "L1", ["spec"] = "1.7 L, white" } };
        body["occurredAt"] = "2026-11-05T09:30:00Z";
        body["location"] = new { kind = "service-point", id = "sp-12", name = "Xidan service desk" };
        body["orderLine"] = new { lineId = "L1", sku = "K-1" };
        return body;
    }

    private static Dictionary<string, object?> Customer(Dictionary<string, object?> body) => (Dictionary<string, object?>)body["customer"]!;

    private static async Task<Dictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
