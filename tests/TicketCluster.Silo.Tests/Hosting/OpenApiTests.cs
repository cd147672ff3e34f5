using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>The OpenAPI document describes exactly the routes the node serves.</summary>
public sealed class OpenApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Document_ListsEveryApiRoute()
    {
        var response = await _silo.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var documented = RouteInventory.InOpenApi(await response.Content.ReadAsStringAsync());
        var served = RouteInventory.Mapped(_silo.App).Where(r => r.Contains(" /api/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(served);
        Assert.Empty(served.Except(documented));
        Assert.Empty(documented.Where(d => d.Contains("/api/", StringComparison.Ordinal)).Except(served));
    }

    [Fact]
    public async Task Document_DeclaresBearerAuthAndProblemResponses()
    {
        var json = await _silo.Anonymous().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/tickets/{id}/acknowledge\"", json, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var bearer = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }
}
