using System.Net;
using System.Text.Json;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Work queues, profiles, scorecards and the summary report over real HTTP on an embedded
/// SQLite node.</summary>
public sealed class QueryApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task List_Staff_MostUrgentDeadlineFirst()
    {
        var normal = await CreateAsync(orderId: "o-1", severity: "normal");
        var urgent = await CreateAsync(orderId: "o-2", severity: "urgent");
        var serious = await CreateAsync(orderId: "o-3", severity: "serious");

        var page = await ListAsync(_silo.Client(ApiRole.Agent), "");

        Assert.Equal([urgent, serious, normal], page.Items.Select(i => i.Id));
        Assert.Null(page.NextCursor);
        Assert.Equal("c-1", page.Items[0].CustomerId);
    }

    [Fact]
    public async Task List_PagedByCursor_EveryTicketOnceInOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(orderId: $"o-{i}"));
        }

        var client = _silo.Client(ApiRole.Supervisor);
        var seen = new List<TicketListItem>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await ListAsync(client, "limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(seen.OrderBy(i => i.NextDeadline).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), seen.Select(i => i.Id));
    }

    [Fact]
    public async Task List_Filters_OnlyMatchingTickets()
    {
        var urgent = await CreateAsync(orderId: "o-1", severity: "urgent");
        var acknowledged = await CreateAsync(orderId: "o-2", customerId: "c-2", merchantId: "m-2");
        var agent = _silo.Client(ApiRole.Agent, "alice");
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{acknowledged}/acknowledge", new { message = "On it." })).StatusCode);

        Assert.Equal([urgent], (await ListAsync(agent, "severity=urgent")).Items.Select(i => i.Id));
        Assert.Equal([acknowledged], (await ListAsync(agent, "status=acknowledged")).Items.Select(i => i.Id));
        Assert.Equal([acknowledged], (await ListAsync(agent, "merchantId=m-2&customerId=c-2")).Items.Select(i => i.Id));
        Assert.Equal(2, (await ListAsync(agent, "escalated=false&sort=created&channel=web-form&category=product-quality")).Items.Count);
        Assert.Empty((await ListAsync(agent, "escalated=true")).Items);
        Assert.Empty((await ListAsync(agent, "dueBefore=2020-01-01T00:00:00Z")).Items);
    }

    [Fact]
    public async Task List_Merchant_ForcedToItsOwnTicketsWithoutCustomerData()
    {
        var own = await CreateAsync(orderId: "o-1", merchantId: "m-1");
        await CreateAsync(orderId: "o-2", merchantId: "m-2");
        var merchant = _silo.Client(ApiRole.Merchant, tenant: "m-1");

        var page = await ListAsync(merchant, "");
        var json = await merchant.GetStringAsync("/api/v1/tickets");

        Assert.Equal([own], page.Items.Select(i => i.Id));
        Assert.Equal([own], (await ListAsync(merchant, "merchantId=m-1")).Items.Select(i => i.Id));
        Assert.DoesNotContain("customerId", json, StringComparison.Ordinal);
        Assert.DoesNotContain("assignee", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/tickets?merchantId=m-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/tickets?customerId=c-1")).StatusCode);
    }

    [Fact]
    public async Task List_Customer_ForcedToOwnTickets()
    {
        var own = await CreateAsync(orderId: "o-1", customerId: "c-1");
        await CreateAsync(orderId: "o-2", customerId: "c-2");
        var customer = _silo.Client(ApiRole.Customer, tenant: "c-1");

        Assert.Equal([own], (await ListAsync(customer, "")).Items.Select(i => i.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/tickets?customerId=c-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Channel).GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _silo.Anonymous().GetAsync("/api/v1/tickets")).StatusCode);
    }

    [Fact]
    public async Task List_CursorOfAnotherSort_400NamingCursor()
    {
        await CreateAsync(orderId: "o-1");
        await CreateAsync(orderId: "o-2");
        var client = _silo.Client(ApiRole.Agent);
        var cursor = (await ListAsync(client, "sort=created&limit=1")).NextCursor;
        Assert.NotNull(cursor);

        var response = await client.GetAsync("/api/v1/tickets?sort=deadline&cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"cursor\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_StaffAndSelf_OpenTicketsAndRepeatFlag()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateAsync(orderId: $"o-{i}", customerId: "c-1"));
        }

        var profile = await (await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/customers/c-1")).ReadAsync<CustomerProfileView>();
        var own = await _silo.Client(ApiRole.Customer, tenant: "c-1").GetAsync("/api/v1/customers/c-1");

        Assert.Equal("c-1", profile.Id);
        Assert.Equal(ids.Order(StringComparer.Ordinal), profile.OpenTickets.Select(t => t.TicketId).Order(StringComparer.Ordinal));
        Assert.Empty(profile.PastTickets);
        Assert.Equal(3, profile.RecentComplaints);
        Assert.True(profile.RepeatComplainer);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _silo.Client(ApiRole.Customer, tenant: "c-2").GetAsync("/api/v1/customers/c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Merchant, tenant: "m-1").GetAsync("/api/v1/customers/c-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Channel).GetAsync("/api/v1/customers/c-1")).StatusCode);
    }

    [Fact]
    public async Task Merchant_StaffAndSelf_ScorecardOfDeliveredFacts()
    {
        var id = await CreateAsync(orderId: "o-1", merchantId: "m-1");

        // The ticket's push of what it owes its merchant, as its timer or the sweeper runs it: done when it answers.
        await _silo.Grains.GetGrain<ITicketGrain>(id).ReconcileAsync();

        var scorecard = await (await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/merchants/m-1")).ReadAsync<MerchantScorecardView>();
        var own = await _silo.Client(ApiRole.Merchant, tenant: "m-1").GetAsync("/api/v1/merchants/m-1");

        Assert.Equal(("m-1", 1, 0), (scorecard.Id, scorecard.OpenDisputes, scorecard.TotalStrikes));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _silo.Client(ApiRole.Merchant, tenant: "m-2").GetAsync("/api/v1/merchants/m-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Customer, tenant: "c-1").GetAsync("/api/v1/merchants/m-1")).StatusCode);
    }

    [Fact]
    public async Task Summary_AdminAndSupervisor_FiguresOfTheRange()
    {
        await CreateAsync(orderId: "o-1", severity: "urgent");
        var second = await CreateAsync(orderId: "o-2", customerId: "c-2", merchantId: "m-2");
        Assert.Equal(HttpStatusCode.OK, (await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{second}/acknowledge", new { message = "On it." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{second}/assign", new { department = "customer-service", agentId = "alice" })).StatusCode);
        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}";

        var response = await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/reports/summary?" + range);
        var admin = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/summary?" + range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = summary.RootElement;
        Assert.Equal(2, root.GetProperty("tickets").GetInt32());
        Assert.Equal(1, root.GetProperty("bySeverity").GetProperty("urgent").GetInt32());
        Assert.Equal(1, root.GetProperty("byMerchant").GetProperty("m-2").GetInt32());
        Assert.Equal(1, root.GetProperty("slaCompliance").GetProperty("first-response").GetProperty("met").GetInt32());
        Assert.Equal(1, root.GetProperty("firstResponse").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("repeatComplaints").GetProperty("repeats").GetInt32());
        Assert.Equal(1, root.GetProperty("openByAssignee").GetProperty("alice").GetInt32());
        Assert.Equal(1, root.GetProperty("openByDepartment").GetProperty("customer-service").GetInt32());
        Assert.Equal(1, root.GetProperty("openUnassigned").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/reports/summary?" + range)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _silo.Client(ApiRole.Merchant, tenant: "m-1").GetAsync("/api/v1/reports/summary?" + range)).StatusCode);
    }

    private static async Task<TicketListView> ListAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/tickets" + (query.Length == 0 ? "" : "?" + query));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketListView>();
    }

    private async Task<string> CreateAsync(string orderId, string customerId = "c-1", string merchantId = "m-1", string? severity = null)
    {
        // Only staff may state a severity at intake.
        var response = await _silo.Client(severity is null ? ApiRole.Channel : ApiRole.Agent).PostJsonAsync(
            "/api/v1/tickets",
            Intakes.Complaint(customerId: customerId, merchantId: merchantId, orderId: orderId, severity: severity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }
}
