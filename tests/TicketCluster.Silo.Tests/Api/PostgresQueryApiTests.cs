using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The work queue and the summary report over HTTP on a node on PostgreSQL, a database of its own
/// per test.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresQueryApiTests(PostgresFixture fixture) : IAsyncLifetime
{
    private string _database = "";
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await fixture.Server.CreateDatabaseAsync("query-api");
        _silo = await TestSilo.StartPostgresAsync(_database);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }

    [Fact]
    public async Task List_PagedWalkAndTenantFilter_EveryTicketOnceInDeadlineOrder()
    {
        var severities = new[] { "normal", "urgent", "serious", "urgent", "normal", "serious", "normal" };
        var ids = new List<string>();
        for (var i = 0; i < severities.Length; i++)
        {
            ids.Add(await CreateAsync($"o-{i}", severities[i], merchantId: i % 2 == 0 ? "m-1" : "m-2"));
        }

        var staff = await WalkAsync(_silo.Client(ApiRole.Agent), "limit=3");
        var merchant = await WalkAsync(_silo.Client(ApiRole.Merchant, tenant: "m-2"), "limit=2");

        Assert.Equal(ids.Order(StringComparer.Ordinal), staff.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(staff.OrderBy(i => i.NextDeadline).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id), staff.Select(i => i.Id));
        Assert.Equal(["urgent", "urgent"], staff.Take(2).Select(i => i.Severity));
        Assert.Equal([ids[1], ids[3], ids[5]], merchant.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(merchant, i => Assert.Null(i.CustomerId));
    }

    [Fact]
    public async Task Summary_TwoTickets_CountsAndFirstResponse()
    {
        await CreateAsync("o-1", "urgent");
        var second = await CreateAsync("o-2", "normal");
        Assert.Equal(HttpStatusCode.OK, (await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{second}/acknowledge", new { message = "On it." })).StatusCode);
        var now = DateTimeOffset.UtcNow;

        var response = await _silo.Client(ApiRole.Admin).GetAsync(
            $"/api/v1/reports/summary?from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = summary.RootElement;
        Assert.Equal(2, root.GetProperty("tickets").GetInt32());
        Assert.Equal(1, root.GetProperty("slaCompliance").GetProperty("first-response").GetProperty("met").GetInt32());
        Assert.Equal(1, root.GetProperty("firstResponse").GetProperty("count").GetInt32());
        Assert.Equal(1, root.GetProperty("repeatComplaints").GetProperty("repeats").GetInt32());
    }

    private static async Task<List<TicketListItem>> WalkAsync(HttpClient client, string query)
    {
        var items = new List<TicketListItem>();
        string? cursor = null;
        do
        {
            var response = await client.GetAsync("/api/v1/tickets?" + query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.ReadAsync<TicketListView>();
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return items;
    }

    private async Task<string> CreateAsync(string orderId, string severity, string merchantId = "m-1")
    {
        // Only staff may state a severity at intake.
        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync(
            "/api/v1/tickets",
            Intakes.Complaint(orderId: orderId, merchantId: merchantId, severity: severity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }
}
