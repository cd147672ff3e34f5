using System.Net;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Return rules per marketplace from configuration, over real HTTP on an embedded SQLite node: an
/// in-policy return needs no supervisor, an out-of-policy one does, and the audit trail says which rule.</summary>
public sealed class ReturnPolicyApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private int _tickets;

    // Mainland China's no-reason window configured to 30 days, so a real clock lands inside it for an order
    // delivered 20 days ago and outside it for one delivered 40 days ago.
    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:ReturnPolicies:cn:NoReasonReturn"] = "30.00:00:00" });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Propose_ReturnInsideTheConfiguredWindow_AwaitsTheCustomerWithoutASupervisor()
    {
        var id = await InProgressAsync("cn", deliveredDaysAgo: 20, amount: 5000m);

        var proposed = await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "propose-resolution", ReturnPlan(5000m));

        Assert.Equal(TicketStatus.AwaitingConfirmation, proposed.Status);
        var policy = (await ProposedEventAsync(id)).GetProperty("data").GetProperty("policy");
        Assert.Equal(("cn", "no-reason-return", true), (policy.GetProperty("marketplace").GetString(), policy.GetProperty("rule").GetString(), policy.GetProperty("inPolicy").GetBoolean()));
    }

    [Fact]
    public async Task Propose_ReturnOutsideTheWindow_PendingASupervisorWhoApproves()
    {
        var id = await InProgressAsync("cn", deliveredDaysAgo: 40, amount: 100m);

        var proposed = await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "propose-resolution", ReturnPlan(100m));
        var approved = await SecurityProbe.SendAsync(_silo.Client(ApiRole.Supervisor, "sam"), id, "approve-resolution", new { note = "Goodwill for a gold member." });

        Assert.Equal(TicketStatus.PendingApproval, proposed.Status);
        Assert.Equal(TicketStatus.AwaitingConfirmation, approved.Status);
        Assert.False((await ProposedEventAsync(id)).GetProperty("data").GetProperty("policy").GetProperty("inPolicy").GetBoolean());
    }

    [Fact]
    public async Task Submit_UnknownMarketplace_400NamingIt()
    {
        var body = Intakes.Complaint(orderId: "o-mars");
        ((Dictionary<string, object?>)body["order"]!)["marketplace"] = "mars";

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("order.marketplace", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static object ReturnPlan(decimal amount) =>
        new { plan = new { kind = "return-and-refund", amount = new { amount, currency = "CNY" }, shippingPaidBy = "merchant" } };

    private async Task<string> InProgressAsync(string marketplace, int deliveredDaysAgo, decimal amount)
    {
        var n = Interlocked.Increment(ref _tickets);
        var body = Intakes.Complaint(orderId: $"o-policy-{n}", amount: amount, category: "return-policy");
        var order = (Dictionary<string, object?>)body["order"]!;
        var delivered = DateTimeOffset.UtcNow.AddDays(-deliveredDaysAgo);
        order["marketplace"] = marketplace;
        order["purchasedAt"] = delivered.AddDays(-2).ToString("O");
        order["deliveredAt"] = delivered.ToString("O");
        return (await SecurityProbe.OpenInProgressAsync(_silo, body)).Id;
    }

    private async Task<JsonElement> ProposedEventAsync(string id)
    {
        using var events = JsonDocument.Parse(await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}/events")).Content.ReadAsStringAsync());
        return events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "resolution-proposed").Clone();
    }
}
