using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Root cause and corrective action on resolution, and the root-cause report by category and
/// merchant, over real HTTP on an embedded SQLite node.</summary>
public sealed class RootCauseApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private int _tickets;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task RootCauses_ResolvedTicketsOfTwoMerchants_CountedByCategoryAndMerchantWithActions()
    {
        var (transit, category) = await ReadyToResolveAsync("m-1");
        var (defect, _) = await ReadyToResolveAsync("m-2");
        await ReadyToResolveAsync("m-1");
        var agent = _silo.Client(ApiRole.Agent, "alice");
        await SecurityProbe.SendAsync(agent, transit, "resolve", new { result = "Apologised.", rootCause = "packaging-or-transit-damage", correctiveAction = "Double-box kettles." });
        await SecurityProbe.SendAsync(agent, defect, "resolve", new { result = "Apologised.", rootCause = "manufacturing-defect" });

        var response = await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/reports/root-causes?" + Range(TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        Assert.Equal((3, 2), (root.GetProperty("tickets").GetInt32(), root.GetProperty("withRootCause").GetInt32()));
        Assert.Equal(1, root.GetProperty("byMerchant").GetProperty("m-1").GetProperty("packaging-or-transit-damage").GetInt32());
        Assert.Equal(1, root.GetProperty("byMerchant").GetProperty("m-2").GetProperty("manufacturing-defect").GetInt32());
        Assert.Equal(2, root.GetProperty("byCategory").GetProperty(category).EnumerateObject().Sum(p => p.Value.GetInt32()));
        var action = Assert.Single(root.GetProperty("correctiveActions").EnumerateArray());
        Assert.Equal((transit, "m-1", "Double-box kettles."), (action.GetProperty("ticketId").GetString(), action.GetProperty("merchantId").GetString(), action.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Resolve_CorrectiveActionWithoutRootCause_400TicketStillExecuting()
    {
        var (id, _) = await ReadyToResolveAsync("m-1");

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/resolve", new { result = "Done.", correctiveAction = "Train the packers." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("correctiveAction", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootCauses_AgentOrOverLongRange_403And400()
    {
        var agent = await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/reports/root-causes?" + Range(TimeSpan.FromHours(1)));
        var tooLong = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/root-causes?" + Range(TimeSpan.FromDays(20)));

        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static string Range(TimeSpan around)
    {
        var now = DateTimeOffset.UtcNow;
        return $"from={Uri.EscapeDataString((now - around).ToString("O"))}&to={Uri.EscapeDataString((now + around).ToString("O"))}";
    }

    /// <summary>A ticket of <paramref name="merchantId"/> whose apology plan the customer confirmed: its id and category.</summary>
    private async Task<(string Id, string Category)> ReadyToResolveAsync(string merchantId)
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-rc-{Interlocked.Increment(ref _tickets)}", merchantId);
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), ticket.Id, "propose-resolution", new { plan = new { kind = "apology", note = "We are sorry." } });
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), ticket.Id, "customer-confirmation", new { accepted = true, statement = "Accepted." });
        return (ticket.Id, JsonNamingPolicy.KebabCaseLower.ConvertName(ticket.Category.ToString()));
    }
}
