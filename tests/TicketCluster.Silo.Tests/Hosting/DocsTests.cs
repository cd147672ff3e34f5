using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>docs/silo.md states the authorization table as the code has it.</summary>
public sealed class DocsTests
{
    [Fact]
    public void SiloDoc_RoleTable_MatchesCommandRoutes()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "silo.md"));

        foreach (var route in CommandRoutes.Routes)
        {
            var row = $"| {route.Name} | `{route.BodyType.Name}` | {string.Join(", ", route.Roles.Select(Caller.NameOf))} |";
            Assert.Contains(row, doc, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TicketCluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TicketCluster.sln not found above the test directory.");
    }
}
