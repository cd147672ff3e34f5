using System.Collections;
using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API4 (unrestricted resource consumption), input bounds: every field of every command is bounded
/// like the intake's, money fits its currency, ids and names carry no control characters, times carry an
/// offset and do not lie in the future, and one ticket cannot grow past its caps. Each refusal leaves the
/// ticket exactly as it was. The tests on the default configuration share one node
/// (<see cref="DefaultNode"/>); each opens tickets of its own customer and order, so none sees another's.
/// </summary>
public sealed partial class Api4UnrestrictedResourceConsumptionTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>Longer than every field's limit, well inside the body limit.</summary>
    private static readonly string OverLong = new('x', FieldRules.MaxTextLength + 1);

    [Fact]
    public async Task Commands_OverLongValueInEveryStringField_Answer400NamingTheFieldAndChangeNothing()
    {
        var silo = node.Silo;
        var id = await OpenAsync(silo);
        var before = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);
        var missed = new List<string>();

        foreach (var route in CommandRoutes.Routes)
        {
            var client = ClientFor(silo, route);
            var body = SampleBody(route.BodyType);
            foreach (var path in StringPaths(body, ""))
            {
                var response = await client.PostJsonAsync($"/api/v1/tickets/{id}/{route.Name}", WithValue(body, path, OverLong)!);
                if (response.StatusCode != HttpStatusCode.BadRequest || !(await ErrorsAsync(response)).ContainsKey(path))
                {
                    missed.Add($"{route.Name} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.Empty(missed);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Fact]
    public async Task AddEvidence_MoreItemsThanOneCommandMayCarry_Answers400()
    {
        var silo = node.Silo;
        var id = await OpenAsync(silo);
        var before = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        var response = await silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/add-evidence", new { evidence = Evidence(FieldRules.MaxEvidence + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("evidence", (await ErrorsAsync(response)).Keys);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Fact]
    public async Task AddEvidence_TicketFilledToItsCap_NextAddAnswers409AndChangesNothing()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:TicketLimits:MaxEvidence"] = "30" });
        var id = await OpenAsync(silo);
        var agent = silo.Client(ApiRole.Agent);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/add-evidence", new { evidence = Evidence(20) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/add-evidence", new { evidence = Evidence(10) })).StatusCode);
        var full = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        var response = await agent.PostJsonAsync($"/api/v1/tickets/{id}/add-evidence", new { evidence = Evidence(1) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://ticketcluster.dev/problems/ticket-full", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("evidence", problem.RootElement.GetProperty("limit").GetString());
        Assert.Equal(30, problem.RootElement.GetProperty("cap").GetInt64());
        Assert.Equal(full, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Fact]
    public async Task Commands_TicketAtItsNoteCap_NextNoteAnswers409AndChangesNothing()
    {
        // The opening records one note (the description); two escalations reach a cap of three.
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:TicketLimits:MaxNotes"] = "3" });
        var id = await OpenAsync(silo);
        var supervisor = silo.Client(ApiRole.Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/v1/tickets/{id}/escalate", new { reason = "Customer called twice." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." })).StatusCode);
        var full = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        var response = await supervisor.PostJsonAsync($"/api/v1/tickets/{id}/escalate", new { reason = "And again." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("\"limit\":\"notes\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(full, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Fact]
    public async Task Intake_MergeIntoATicketAtItsContactCap_OpensATicketOfItsOwnAndLeavesTheFullOneUnchanged()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:TicketLimits:MaxContacts"] = "1" });
        var id = await OpenAsync(silo);
        var full = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(channel: "email", externalId: "mail-2"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(id, (await response.ReadAsync<TicketView>()).Id);
        Assert.Equal(full, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Theory]
    [InlineData("propose-resolution", "{\"plan\":{\"kind\":\"refund\",\"amount\":{\"amount\":10.123,\"currency\":\"CNY\"}}}", "plan.amount")]
    [InlineData("propose-resolution", "{\"plan\":{\"kind\":\"refund\",\"amount\":{\"amount\":-1,\"currency\":\"CNY\"}}}", "plan.amount")]
    [InlineData("propose-resolution", "{\"plan\":{\"kind\":\"refund\",\"amount\":{\"amount\":10,\"currency\":\"XXX\"}}}", "plan.amount")]
    [InlineData("propose-resolution", "{\"plan\":{\"kind\":\"refund\",\"amount\":{\"amount\":10000000000000,\"currency\":\"CNY\"}}}", "plan.amount")]
    [InlineData("refund-issued", "{\"amount\":{\"amount\":0.0001,\"currency\":\"CNY\"}}", "amount")]
    [InlineData("refund-issued", "{\"amount\":{\"amount\":1.5,\"currency\":\"JPY\"}}", "amount")]
    [InlineData("refund-issued", "{\"amount\":{\"amount\":-0.01,\"currency\":\"CNY\"}}", "amount")]
    public async Task MoneyCommands_AmountFinerThanItsCurrencyOrOutOfBounds_Answer400AndChangeNothing(string command, string json, string field)
    {
        var silo = node.Silo;
        var id = await OpenAsync(silo);
        var before = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await silo.Client(ApiRole.Admin).PostAsync($"/api/v1/tickets/{id}/{command}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ErrorsAsync(response)).Keys);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Fact]
    public async Task Intake_AmountFinerThanItsCurrency_Answers400()
    {
        var silo = node.Silo;

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(amount: 10.123m));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("order.amount", (await ErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("customer", "id", "c-\u0001")]
    [InlineData("customer", "name", "Li\u0007 Lei")]
    [InlineData("order", "id", "o-\u001b[31m")]
    [InlineData("order", "merchantId", "m\u0000")]
    public async Task Intake_ControlCharacterInIdOrName_Answers400NamingTheField(string part, string field, string value)
    {
        var silo = node.Silo;
        var body = Intakes.Complaint();
        ((Dictionary<string, object?>)body[part]!)[field] = value;

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{part}.{field}", (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task Assign_ControlCharacterInAgentId_Answers400AndChangesNothing()
    {
        var silo = node.Silo;
        var id = await OpenAsync(silo);
        var before = await SecurityProbe.SnapshotAsync(silo, id, null, queue: false);

        var response = await silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/assign", new { department = "customer-service", agentId = "alice\u0008" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("agentId", (await ErrorsAsync(response)).Keys);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(silo, id, null, queue: false));
    }

    [Theory]
    [InlineData("/api/v1/tickets/tk%01x", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/tickets/tk%07x/events", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/customers/c%0A1", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/merchants/m%1B1", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/tickets/tk%00/events", HttpStatusCode.BadRequest)] // Kestrel refuses a NUL in the path itself
    public async Task Get_ControlCharacterInPathId_Answers404Or400NeverAServerError(string path, HttpStatusCode expected)
    {
        var silo = node.Silo;

        var response = await silo.Client(ApiRole.Admin).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Command_ControlCharacterInPathId_Answers404()
    {
        var silo = node.Silo;

        var response = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets/tk%07x/acknowledge", new { message = "On it." });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("purchasedAt", "2026-11-01T08:00:00")]
    [InlineData("purchasedAt", "2026-11-01")]
    [InlineData("deliveredAt", "2026-11-03T08:00:00.000")]
    public async Task Intake_TimeWithoutOffset_Answers400NamingTheField(string field, string value)
    {
        var silo = node.Silo;
        var body = Intakes.Complaint();
        ((Dictionary<string, object?>)body["order"]!)[field] = value;

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"order.{field}", (await ErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("2026-11-01T16:00:00+08:00")]
    [InlineData("2026-11-01T08:00:00.5Z")]
    [InlineData("2026-11-01T03:00:00-05:00")]
    public async Task Intake_TimeWithOffset_IsAccepted(string value)
    {
        var silo = node.Silo;
        var body = Unique(Intakes.Complaint());
        ((Dictionary<string, object?>)body["order"]!)["purchasedAt"] = value;

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("purchasedAt", 3, HttpStatusCode.BadRequest)]
    [InlineData("deliveredAt", 2, HttpStatusCode.BadRequest)]
    [InlineData("deliveredAt", 0.5, HttpStatusCode.Created)]
    public async Task Intake_TimeInTheFuture_RefusedBeyondTheClockSkew(string field, double daysAhead, HttpStatusCode expected)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await TestSilo.StartSqliteAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var body = Intakes.Complaint();
        var order = (Dictionary<string, object?>)body["order"]!;
        order["purchasedAt"] = clock.GetUtcNow().AddDays(-5);
        order[field] = clock.GetUtcNow().AddDays(daysAhead);

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", body);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains($"order.{field}", (await ErrorsAsync(response)).Keys);
        }
    }

    /// <summary><paramref name="intake"/> for a customer and an order no other intake on the shared node names.</summary>
    private static Dictionary<string, object?> Unique(Dictionary<string, object?> intake)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        ((Dictionary<string, object?>)intake["customer"]!)["id"] = $"c-{suffix}";
        ((Dictionary<string, object?>)intake["order"]!)["id"] = $"o-{suffix}";
        return intake;
    }

    private static async Task<string> OpenAsync(TestSilo silo)
    {
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Unique(Intakes.Complaint()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadAsync<TicketView>()).Id;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<Dictionary<string, string[]>>()!
            : [];
    }

    /// <summary>A client in a role the route admits that sees every ticket of the test's customer.</summary>
    private static HttpClient ClientFor(TestSilo silo, CommandRoute route) =>
        route.Roles.Contains(ApiRole.Admin) ? silo.Client(ApiRole.Admin) : silo.Client(route.Roles[0], "c-1", "c-1");

    private static object[] Evidence(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new { kind = "photo", url = $"https://files.example.com/{i}.jpg", sha256 = Sha })];

    /// <summary>A well-formed body for a command type, built from its constructor: every string, enum,
    /// number, list and nested record filled, so each string can be made over-long in turn.</summary>
    private static Dictionary<string, object?> SampleBody(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in constructor.GetParameters())
        {
            body[JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)] = SampleValue(parameter.ParameterType);
        }

        return body;
    }

    private static object? SampleValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "text",
            _ when type == typeof(int) => 3,
            _ when type == typeof(bool) => true,
            _ when type == typeof(TimeSpan) => Fixed("3.00:00:00"),
            _ when type == typeof(Money) => new Dictionary<string, object?> { ["amount"] = 10m, ["currency"] = "CNY" },
            _ when type == typeof(ImmutableArray<EvidenceItem>) => new List<object?> { new Dictionary<string, object?> { ["kind"] = "photo", ["url"] = "https://files.example.com/a.jpg", ["sha256"] = Sha, ["note"] = "text" } },
            { IsEnum: true } => Fixed(JsonNamingPolicy.KebabCaseLower.ConvertName(Enum.GetNames(type)[0])),
            { IsClass: true } => SampleBody(type),
            _ => throw new NotSupportedException($"No sample value for {type.Name}; teach {nameof(SampleValue)} the new field type."),
        };
    }

    /// <summary>A string that is not free text (an enumeration name, a duration): kept out of
    /// <see cref="StringPaths"/>, whose over-long values would only test the JSON reader.</summary>
    private static JsonElement Fixed(string value) => JsonSerializer.SerializeToElement(value);

    /// <summary>The JSON paths of every string in <paramref name="value"/> (<c>plan.note</c>, <c>evidence[0].url</c>).</summary>
    private static IEnumerable<string> StringPaths(object? value, string path) => value switch
    {
        string => [path],
        Dictionary<string, object?> map when map.ContainsKey("currency") && map.ContainsKey("amount") => [],
        Dictionary<string, object?> map => map.SelectMany(p => StringPaths(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        IList list => list.Cast<object?>().SelectMany((item, i) => StringPaths(item, $"{path}[{i}]")),
        _ => [],
    };

    /// <summary>A deep copy of <paramref name="value"/> with the string at <paramref name="path"/> replaced.</summary>
    private static object? WithValue(object? value, string path, string replacement, string at = "") => value switch
    {
        string when at == path => replacement,
        Dictionary<string, object?> map => map.ToDictionary(
            p => p.Key,
            p => WithValue(p.Value, path, replacement, at.Length == 0 ? p.Key : $"{at}.{p.Key}"),
            StringComparer.Ordinal),
        IList list => list.Cast<object?>().Select((item, i) => WithValue(item, path, replacement, $"{at}[{i}]")).ToList(),
        _ => value,
    };
}
