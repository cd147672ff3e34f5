using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>
/// Hostile query strings and route values against every GET route the node maps (read from its endpoint
/// data source; query parameter names from its OpenAPI document), as every role and without a token:
/// never a 5xx. A new GET route, or a new parameter it declares, is fuzzed without touching this test.
/// </summary>
public sealed class QueryFuzzTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    /// <summary>Values sent percent-encoded.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", "0", "-1", "2147483648", "-2147483649", "99999999999999999999999999999", "1e309", "NaN", "true",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999+00:00", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "2026-11-23T09:30:00", "2026-11-23", "2026-02-30T00:00:00Z", "1970-01-01T00:00:00Z",
        new string('a', 3000), "\u0000", "\u0001\u001f\u007f", "\r\nX-Injected: 1", "\t", "🎫", "投诉", "e\u0301", "\u202e",
        "' OR 1=1 --", "\"; DROP TABLE tickets; --", "1;SELECT pg_sleep(10)", "%", "../../etc/passwd", "<script>alert(1)</script>",
        "null", "[]", "{}", "*", "deadline", "created", "tk-none",
    ];

    /// <summary>Fragments sent as they are: broken percent-encoding and invalid UTF-8.</summary>
    private static readonly string[] RawHostile = ["%00", "%ED%A0%80", "%FF%FE", "%zz", "%", "%25%", "a+b"];

    /// <summary>Pairs of times sent to two parameters at once, the second after the first, so a range
    /// check is passed and what lies behind it runs.</summary>
    private static readonly (string, string)[] TimePairs =
    [
        ("0001-01-01T00:00:00Z", "0001-12-31T00:00:00Z"),
        ("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"),
        ("9999-01-01T00:00:00Z", "9999-12-31T23:59:59Z"),
        ("1999-12-31T00:00:00Z", "2000-01-02T00:00:00Z"),
        ("2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00-12:00"),
    ];

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Summary_YearOneWindow_Answers400NamingTheTimes()
    {
        var response = await _silo.Client(ApiRole.Admin).GetAsync("/api/v1/reports/summary?from=0001-01-01T00:00:00Z&to=0001-12-31T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("to", out _));
    }

    [Fact]
    public async Task GetRoutes_HostileQueriesAndRouteValues_NeverFailServerSide()
    {
        var routes = await GetRoutesAsync();
        Assert.Contains(routes, r => r.Path == "/api/v1/reports/summary" && r.Parameters.Contains("from"));
        Assert.Contains(routes, r => r.Path == "/api/v1/tickets" && r.Parameters.Contains("dueBefore"));

        var clients = Enum.GetValues<ApiRole>().Select(role => (Caller.NameOf(role), _silo.Client(role, "fuzzer", "t-1"))).Append(("anonymous", _silo.Anonymous())).ToList();
        var sent = 0;
        var requests = from caller in clients from route in routes from url in Urls(route.Path, route.Parameters) select (caller.Item1, caller.Item2, url);

        // A few in flight at once: one at a time leaves the node idle between a response and the next request.
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            var (role, client, url) = request;
            using var response = await client.GetAsync(url, cancellationToken);
            Interlocked.Increment(ref sent);
            Assert.True((int)response.StatusCode < 500, $"{role} GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        });

        Assert.True(sent > 1000, $"only {sent} requests were sent");
    }

    /// <summary>Every GET route with the query parameters its OpenAPI operation declares (none when it is
    /// not in the document, such as health).</summary>
    private async Task<List<(string Path, IReadOnlyList<string> Parameters)>> GetRoutesAsync()
    {
        using var document = JsonDocument.Parse(await _silo.Anonymous().GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        return [.. RouteInventory.Mapped(_silo.App)
            .Where(r => r.StartsWith("GET ", StringComparison.Ordinal))
            .Select(r => r[4..])
            .Select(path => (path, (IReadOnlyList<string>)(paths.TryGetProperty(path, out var item) && item.TryGetProperty("get", out var get) && get.TryGetProperty("parameters", out var declared)
                ? [.. declared.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)]
                : [])))];
    }

    private static IEnumerable<string> Urls(string path, IReadOnlyList<string> parameters)
    {
        // Hostile route values bare; the query variations on one ordinary route value.
        var url = path;
        if (path.Contains('{', StringComparison.Ordinal))
        {
            foreach (var value in Hostile.Where(v => v.Length > 0).Select(Uri.EscapeDataString).Concat(RawHostile))
            {
                yield return FillRoute(path, value);
            }

            url = FillRoute(path, "tk-none");
        }

        var values = Hostile.Select(Uri.EscapeDataString).Concat(RawHostile).ToList();
        var names = parameters.Concat(["unknown", "limit%00", ""]).ToList();
        yield return url;
        foreach (var value in values)
        {
            foreach (var name in names)
            {
                yield return $"{url}?{name}={value}";
            }

            yield return $"{url}?{string.Join('&', parameters.Select(p => $"{p}={value}"))}";
            if (parameters.Count > 0)
            {
                yield return $"{url}?{parameters[0]}={value}&{parameters[0]}={value}";
            }
        }

        foreach (var first in parameters)
        {
            yield return $"{url}?{first}=1&{first}=2026-11-23T09%3A30%3A00Z";
            foreach (var second in parameters.Where(p => p != first))
            {
                foreach (var (early, late) in TimePairs)
                {
                    yield return $"{url}?{first}={Uri.EscapeDataString(early)}&{second}={Uri.EscapeDataString(late)}";
                }
            }
        }
    }

    private static string FillRoute(string path, string value)
    {
        var start = path.IndexOf('{', StringComparison.Ordinal);
        var end = path.IndexOf('}', start);
        var filled = path[..start] + value + path[(end + 1)..];
        return filled.Contains('{', StringComparison.Ordinal) ? FillRoute(filled, value) : filled;
    }
}
