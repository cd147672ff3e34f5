using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The work queue's and the summary report's parameters refused with a 400 naming the parameter,
/// over real HTTP on one embedded SQLite node for the whole class: a refusal stores nothing.</summary>
public sealed class QueryParameterTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("severity=URGENT", "severity")]
    [InlineData("category=fraud", "category")]
    [InlineData("channel=pigeon", "channel")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("escalated=yes", "escalated")]
    [InlineData("dueBefore=tomorrow", "dueBefore")]
    [InlineData("dueBefore=2026-11-23T09:30:00", "dueBefore")]
    [InlineData("sort=priority", "sort")]
    [InlineData("merchant_id=m-1", "merchant_id")]
    [InlineData("status=open&status=closed", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task List_BadParameter_400NamingIt(string query, string parameter)
    {
        var response = await _silo.Client(ApiRole.Agent).GetAsync("/api/v1/tickets?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([parameter], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("to=2026-11-02T00:00:00Z", "from")]
    [InlineData("from=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=yesterday&to=2026-11-01T00:00:00Z", "from")]
    public async Task Summary_BadRange_400NamingTheParameter(string query, string parameter)
    {
        var response = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/summary?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([parameter], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
