using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>docs/silo.md states the authorization table, the routes and the settings as the code has them.</summary>
public sealed class DocsTests
{
    [Fact]
    public void SiloDoc_RoleTable_MatchesCommandRoutes()
    {
        var doc = RouteInventory.SiloDoc();

        foreach (var route in CommandRoutes.Routes)
        {
            var row = $"| {route.Name} | `{route.BodyType.Name}` | {string.Join(", ", route.Roles.Select(Caller.NameOf))} |";
            Assert.Contains(row, doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SiloDoc_EveryMappedRoute_IsListed()
    {
        await using var silo = await TestSilo.StartSqliteAsync();
        var doc = RouteInventory.SiloDoc();

        var missing = RouteInventory.Mapped(silo.App).Where(r => !RouteInventory.IsDocumented(doc, r)).ToList();

        Assert.True(missing.Count == 0, "docs/silo.md does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void SiloDoc_RateLimitAndTokenSettings_AreInTheConfigurationTable()
    {
        var doc = RouteInventory.SiloDoc();

        foreach (var key in SiloSettings.ConfigurationKeys.Where(k => k.Contains(":RateLimits:", StringComparison.Ordinal) || k.EndsWith("TokenLifetime", StringComparison.Ordinal)))
        {
            Assert.Contains($"`{key[(SiloSettings.Section.Length + 1)..]}`", doc, StringComparison.Ordinal);
        }
    }
}
