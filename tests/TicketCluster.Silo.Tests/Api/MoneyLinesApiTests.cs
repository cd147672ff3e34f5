using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Who pays, over real HTTP on an embedded SQLite node: the money lines the domain derives from the
/// responsibility decision and the refund, staff's record-cost, who sees which lines, and the per-merchant
/// cost report.</summary>
public sealed class MoneyLinesApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private int _tickets;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task RefundIssued_MerchantResponsible_ChargebackShownToStaffAndMerchantNotCustomer()
    {
        var id = await RefundedAsync("m-1", "merchant", 100m);

        var staff = await SecurityProbe.TicketJsonAsync(_silo.Client(ApiRole.Agent), id);
        var merchant = await SecurityProbe.TicketJsonAsync(_silo.Client(ApiRole.Merchant, "m-1"), id);
        var customer = await SecurityProbe.TicketJsonAsync(_silo.Client(ApiRole.Customer, "c-1"), id);

        var line = Assert.Single(staff.GetProperty("moneyLines").EnumerateArray());
        Assert.Equal(("refund-chargeback", "merchant", "platform", 100m, "CNY", "responsibility"), (
            line.GetProperty("kind").GetString(), line.GetProperty("payer").GetString(), line.GetProperty("payee").GetString(),
            line.GetProperty("amount").GetProperty("amount").GetDecimal(), line.GetProperty("amount").GetProperty("currency").GetString(),
            line.GetProperty("basis").GetString()));
        Assert.Equal(("bob", "supervisor"), (line.GetProperty("decidedBy").GetProperty("id").GetString(), line.GetProperty("decidedBy").GetProperty("role").GetString()));
        Assert.Single(merchant.GetProperty("moneyLines").EnumerateArray());
        Assert.False(customer.TryGetProperty("moneyLines", out var shown) && shown.ValueKind != JsonValueKind.Null, "customer sees money lines");
    }

    [Fact]
    public async Task AuditTrail_MoneyLineRecorded_ListedWithoutDataForTheCustomer()
    {
        var id = await RefundedAsync("m-1", "merchant", 100m);

        var staff = await LineEventAsync(_silo.Client(ApiRole.Agent), id);
        var customer = await LineEventAsync(_silo.Client(ApiRole.Customer, "c-1"), id);

        Assert.Equal("refund-chargeback", staff.GetProperty("data").GetProperty("line").GetProperty("kind").GetString());
        Assert.False(customer.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null, "the customer reads the line: " + customer);
    }

    [Fact]
    public async Task RecordCost_WrongCurrencyOrSameParty_400NamingTheField()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, NextOrder(), "m-1");
        var agent = _silo.Client(ApiRole.Agent, "alice");

        var euro = await agent.PostJsonAsync($"/api/v1/tickets/{ticket.Id}/record-cost", Cost("merchant", "platform", 20m, "EUR"));
        var same = await agent.PostJsonAsync($"/api/v1/tickets/{ticket.Id}/record-cost", Cost("merchant", "merchant", 20m, "CNY"));

        Assert.Equal(HttpStatusCode.BadRequest, euro.StatusCode);
        Assert.Equal("application/problem+json", euro.Content.Headers.ContentType?.MediaType);
        Assert.Contains("amount", await euro.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Contains("payee", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCost_ByMerchant_403NothingRecorded()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, NextOrder(), "m-1");

        var response = await _silo.Client(ApiRole.Merchant, "m-1").PostJsonAsync($"/api/v1/tickets/{ticket.Id}/record-cost", Cost("platform", "merchant", 20m, "CNY"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await SecurityProbe.TicketJsonAsync(_silo.Client(ApiRole.Agent), ticket.Id)).GetProperty("moneyLines").EnumerateArray());
    }

    [Fact]
    public async Task MerchantCosts_LinesOfTwoMerchants_SummedPerMerchantAndCurrency()
    {
        await RefundedAsync("m-1", "merchant", 100m);
        var second = await RefundedAsync("m-1", "merchant", 50m);
        await RefundedAsync("m-2", "platform", 70m);
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Supervisor, "bob"), second, "record-cost", Cost("platform", "merchant", 5m, "CNY"));

        var response = await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/reports/merchant-costs?" + SecurityProbe.RangeAroundNow(TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        Assert.Equal((3, 2), (root.GetProperty("tickets").GetInt32(), root.GetProperty("withMoneyLines").GetInt32()));
        var cny = root.GetProperty("merchants").GetProperty("m-1").GetProperty("CNY");
        Assert.Equal((150m, 5m, 145m, 3), (cny.GetProperty("pays").GetDecimal(), cny.GetProperty("receives").GetDecimal(), cny.GetProperty("net").GetDecimal(), cny.GetProperty("lines").GetInt32()));
        Assert.Equal(150m, cny.GetProperty("paysByKind").GetProperty("refund-chargeback").GetDecimal());
        Assert.False(root.GetProperty("merchants").TryGetProperty("m-2", out _));
    }

    [Fact]
    public async Task MerchantCosts_Finance_ReadsTheReportButNotTheDeskReports()
    {
        await RefundedAsync("m-fin", "merchant", 40m);
        var finance = _silo.Client(ApiRole.Finance, "fin-1");

        var costs = await finance.GetAsync("/api/v1/reports/merchant-costs?" + SecurityProbe.RangeAroundNow(TimeSpan.FromHours(1)));
        var summary = await finance.GetAsync("/api/v1/reports/summary?" + SecurityProbe.RangeAroundNow(TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.OK, costs.StatusCode);
        using var report = JsonDocument.Parse(await costs.Content.ReadAsStringAsync());
        Assert.Equal(40m, report.RootElement.GetProperty("merchants").GetProperty("m-fin").GetProperty("CNY").GetProperty("pays").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, summary.StatusCode);
    }

    [Fact]
    public async Task MerchantCosts_AgentOrOverLongRange_403And400()
    {
        var agent = await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/reports/merchant-costs?" + SecurityProbe.RangeAroundNow(TimeSpan.FromHours(1)));
        var tooLong = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/merchant-costs?" + SecurityProbe.RangeAroundNow(TimeSpan.FromDays(20)));

        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static async Task<JsonElement> LineEventAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/tickets/{id}/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "money-line-recorded").Clone();
    }

    private static object Cost(string payer, string payee, decimal amount, string currency) =>
        new { lineKind = "other", payer, payee, amount = new { amount, currency }, reason = "Third-party appraisal fee." };

    private string NextOrder() => $"o-money-{Interlocked.Increment(ref _tickets)}";

    private Task<string> RefundedAsync(string merchantId, string party, decimal amount) =>
        SecurityProbe.RefundedAsync(_silo, NextOrder(), merchantId, party, amount);
}
