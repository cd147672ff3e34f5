using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The classification's reasons on the ticket, corrections kept beside the opening classification and
/// read back through the corrections report, and words configured per language, over real HTTP.</summary>
public sealed class ClassificationApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:Classification:SafetyHazards:electric-shock:SimplifiedChinese:0"] = "麻酥酥",
        ["TicketCluster:Classification:CategoryWords:invoice:English:0"] = "billing slip",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task GetTicket_Staff_SeesReasonsWithSignalWordAndLanguage()
    {
        var id = await CreateAsync("插头那里被电了一下，孩子手还在疼");

        using var ticket = await GetJsonAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{id}");

        var root = ticket.RootElement;
        Assert.Equal("urgent", root.GetProperty("severity").GetString());
        var classification = root.GetProperty("classification");
        Assert.Equal("urgent", classification.GetProperty("severity").GetString());
        Assert.Contains(classification.GetProperty("reasons").EnumerateArray(), r =>
            r.GetProperty("rule").GetString() == "safety-word"
            && r.GetProperty("detail").GetString() == "被电"
            && r.GetProperty("signal").GetString() == "electric-shock"
            && r.GetProperty("language").GetString() == "zh-CN");
    }

    [Fact]
    public async Task GetTicket_Merchant_SeesNoReasons()
    {
        var id = await CreateAsync("The kettle gave me a shock");

        using var ticket = await GetJsonAsync(_silo.Client(ApiRole.Merchant, tenant: "m-1"), $"/api/v1/tickets/{id}");

        Assert.False(ticket.RootElement.TryGetProperty("classification", out var value) && value.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task GetEvents_CustomerAndAgent_OnlyStaffSeesReasonsInTheOpeningEvent()
    {
        var id = await CreateAsync("The kettle gave me a shock");

        using var agent = await GetJsonAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{id}/events");
        using var customer = await GetJsonAsync(_silo.Client(ApiRole.Customer, tenant: "c-1"), $"/api/v1/tickets/{id}/events");

        Assert.True(agent.RootElement[0].GetProperty("data").TryGetProperty("classificationReasons", out var reasons));
        Assert.Contains(reasons.EnumerateArray(), r => r.GetProperty("signal").GetString() == "electric-shock");
        Assert.Equal("opened", customer.RootElement[0].GetProperty("type").GetString());
        Assert.False(customer.RootElement[0].GetProperty("data").TryGetProperty("classificationReasons", out _));
    }

    [Fact]
    public async Task CorrectionsReport_AfterChangeSeverityAndCategory_ListsCorrectionsWithOpeningClassification()
    {
        var corrected = await CreateAsync("没有人受伤，就是外壳裂了", orderId: "o-1");
        await CreateAsync("快递三天没更新", orderId: "o-2");
        var supervisor = _silo.Client(ApiRole.Supervisor, "sam");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/v1/tickets/{corrected}/change-severity", new { severity = "serious", reason = "Cracked casing on a heater." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/v1/tickets/{corrected}/change-category", new { category = "installation-usage", reason = "Cracked while mounting." })).StatusCode);
        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}";

        using var report = await GetJsonAsync(supervisor, "/api/v1/reports/classification-corrections?" + range);

        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("tickets").GetInt32());
        Assert.Equal(1, root.GetProperty("correctedTickets").GetInt32());
        var corrections = root.GetProperty("corrections").EnumerateArray().ToList();
        Assert.Equal(["severity", "category"], corrections.Select(c => c.GetProperty("field").GetString()));
        var severity = corrections[0];
        Assert.Equal((corrected, "normal", "serious", "sam"), (severity.GetProperty("ticketId").GetString(), severity.GetProperty("from").GetString(),
            severity.GetProperty("to").GetString(), severity.GetProperty("correctedBy").GetString()));
        var classified = severity.GetProperty("classified");
        Assert.Equal(("product-quality", "normal"), (classified.GetProperty("category").GetString(), classified.GetProperty("severity").GetString()));
        Assert.Contains(classified.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "negated-signal");
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/reports/classification-corrections?" + range)).StatusCode);
    }

    [Fact]
    public async Task CorrectionsReport_RangeTooLong_ValidationProblem()
    {
        var response = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/classification-corrections?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Intake_WordsConfiguredPerLanguage_Classify()
    {
        var shock = await CreateAsync("摸到外壳麻酥酥的", orderId: "o-1");
        var invoice = await CreateAsync("Please resend the billing slip", orderId: "o-2");

        using var first = await GetJsonAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{shock}");
        using var second = await GetJsonAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{invoice}");

        Assert.Equal("urgent", first.RootElement.GetProperty("severity").GetString());
        Assert.Equal("invoice", second.RootElement.GetProperty("category").GetString());
    }

    private async Task<string> CreateAsync(string description, string orderId = "o-1")
    {
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: orderId, description: description));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
