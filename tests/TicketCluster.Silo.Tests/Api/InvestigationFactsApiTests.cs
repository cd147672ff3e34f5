using System.Net;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>What an investigation inspection records, over real HTTP on an embedded SQLite node: its verdict,
/// the warranty the domain assesses, and a swapped item reaching the customer's profile. The tests share one
/// node; each has a customer and order of its own.</summary>
public sealed class InvestigationFactsApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task InspectionResult_NotOriginalItemWithWarranty_RecordedAndCustomerFlaggedSwapped()
    {
        var id = await UnderInvestigationAsync("c-swap", afterOpening: true);

        var response = await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync(
            $"/api/v1/tickets/{id}/inspection-result",
            new { findings = "The serial number is not the one we shipped.", outcome = "not-original-item", warrantyMonths = 12 });
        await FactsDeliveredAsync(id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(InspectionOutcome.NotOriginalItem, ticket.InspectionOutcome);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddMonths(12), ticket.Warranty?.EndsAt);
        Assert.True(ticket.Warranty?.WithinWarranty);
        var profile = await (await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/customers/c-swap")).ReadAsync<CustomerProfileView>();
        Assert.True(profile.SwappedItemFound);
        Assert.True(profile.ReturnAbuseSuspected);
    }

    [Fact]
    public async Task InspectionResult_AccessoriesMissing_RecordedCustomerNotFlaggedSwapped()
    {
        var id = await UnderInvestigationAsync("c-parts", afterOpening: true);

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync(
            $"/api/v1/tickets/{id}/inspection-result", new { findings = "The charger is not in the box.", outcome = "accessories-missing" });
        await FactsDeliveredAsync(id);

        Assert.Equal(InspectionOutcome.AccessoriesMissing, (await response.ReadAsync<TicketView>()).InspectionOutcome);
        var profile = await (await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/customers/c-parts")).ReadAsync<CustomerProfileView>();
        Assert.False(profile.SwappedItemFound);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(121)]
    public async Task InspectionResult_WarrantyMonthsOutOfRange_400NamingIt(int months)
    {
        var id = await UnderInvestigationAsync($"c-w{months}", afterOpening: false);

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/inspection-result", new { findings = "x", warrantyMonths = months });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("warrantyMonths", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A ticket of <paramref name="customerId"/> under investigation; with
    /// <paramref name="afterOpening"/>, once the customer's profile has its opening.</summary>
    private async Task<string> UnderInvestigationAsync(string customerId, bool afterOpening)
    {
        var created = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: customerId, orderId: "o-" + customerId));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<TicketView>()).Id;
        if (afterOpening)
        {
            await FactsDeliveredAsync(id);
        }

        var agent = _silo.Client(ApiRole.Agent);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/assign", new { department = "product-quality", agentId = "alice" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/start-investigation", new { investigation = "inspection", note = "Send it to the lab." })).StatusCode);
        return id;
    }

    /// <summary>Completes when every fact the ticket owes its customer and merchant is applied: the ticket's
    /// reconciliation is a turn of its own, after any push in flight, and pushes what is still owed.</summary>
    private Task FactsDeliveredAsync(string ticketId) => _silo.Grains.GetGrain<ITicketGrain>(ticketId).ReconcileAsync();
}
