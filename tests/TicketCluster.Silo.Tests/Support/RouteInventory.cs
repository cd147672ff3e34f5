using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>The routes a running node maps, as <c>METHOD /pattern</c>, and where they are written down.</summary>
public static class RouteInventory
{
    /// <summary>The fallback by which the console's static assets are served from a node's build output.</summary>
    private const string StaticAssetsFallback = "{**path:file}";

    /// <summary>Every route with an HTTP method, read from the app's endpoint data source; the browser
    /// console's pages and assets (docs/console.md) are not the API's and are left out.</summary>
    public static IReadOnlySet<string> Mapped(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<TicketCluster.WebConsole.ConsoleEndpointMetadata>() is null && e.RoutePattern.RawText != StaticAssetsFallback)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The routes of an OpenAPI document.</summary>
    public static IReadOnlySet<string> InOpenApi(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether docs/silo.md names the route in code: <c>`GET /api/v1/tickets/{id}`</c>, or with
    /// its query string (<c>`GET /api/v1/tickets?status=…`</c>). The OpenAPI route is named by its one
    /// document, <c>v1</c>; a command route by <c>`POST /api/v1/tickets/{id}/{command}`</c> and its row in
    /// the command table.</summary>
    public static bool IsDocumented(string doc, string route)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(route);
        var named = route.Replace("{documentName}", "v1", StringComparison.Ordinal);
        if (doc.Contains("`" + named + "`", StringComparison.Ordinal) || doc.Contains("`" + named + "?", StringComparison.Ordinal))
        {
            return true;
        }

        const string commandRoute = "POST /api/v1/tickets/{id}/";
        return route.StartsWith(commandRoute, StringComparison.Ordinal)
            && doc.Contains("`" + commandRoute + "{command}`", StringComparison.Ordinal)
            && doc.Contains("| " + route[commandRoute.Length..] + " |", StringComparison.Ordinal);
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TicketCluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TicketCluster.sln not found above the test directory.");
    }

    public static string SiloDoc() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "silo.md"));

    private static string Normalize(string pattern) => pattern.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
}
