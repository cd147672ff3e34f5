using System.Net;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API9:2023 Improper Inventory Management: the routes the node maps, the OpenAPI document and
/// docs/silo.md agree, so no route is served that nobody knows about; every problem type is documented;
/// an unmapped route is the stable 404 problem.
/// </summary>
public sealed class Api9ImproperInventoryTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Routes_MappedOpenApiAndDocs_Agree()
    {
        var mapped = RouteInventory.Mapped(_silo.App);
        var openApi = RouteInventory.InOpenApi(await _silo.Anonymous().GetStringAsync("/openapi/v1.json"));
        var doc = RouteInventory.SiloDoc();

        var api = mapped.Where(r => r.Contains(" /api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(api);
        Assert.Empty(api.Except(openApi));
        Assert.Empty(openApi.Except(mapped));
        Assert.DoesNotContain(mapped, r => !RouteInventory.IsDocumented(doc, r));
    }

    [Fact]
    public void ProblemTypes_Every_IsInTheDocsTable()
    {
        var doc = RouteInventory.SiloDoc();

        foreach (var (type, status) in Problems.Types)
        {
            Assert.Contains($"| `{type}` | {status} |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnmappedRoute_AnyRole_AnswersStableNotFoundProblem()
    {
        var response = await _silo.Client(ApiRole.Admin).GetAsync("/api/v2/tickets");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
