using System.Net;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API4:2023 Unrestricted Resource Consumption, the per-client rate limits: a client (role and
/// subject) over its window is answered 429 with <c>Retry-After</c> and the <c>rate-limited</c> problem,
/// and its refused intake created nothing; another client is unaffected; an intake estimated urgent still
/// gets through on the urgent allowance. The windows are an hour long, so none turns during a test.
/// </summary>
public sealed partial class Api4UnrestrictedResourceConsumptionTests
{
    private const int ClientPermits = 3;

    [Fact]
    public async Task Reads_OverTheClientsRate_Answer429WithRetryAfterAndOtherClientsAreServed()
    {
        await using var silo = await StartRateLimitedAsync();
        var alice = silo.Client(ApiRole.Agent, "alice");
        for (var i = 0; i < ClientPermits; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/api/v1/tickets/tk-none")).StatusCode);
        }

        var refused = await alice.GetAsync("/api/v1/tickets/tk-none");

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Client(ApiRole.Agent, "bob").GetAsync("/api/v1/tickets/tk-none")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Client(ApiRole.Supervisor, "alice").GetAsync("/api/v1/tickets/tk-none")).StatusCode);
    }

    [Fact]
    public async Task Reads_TenantOverItsRate_IsRefusedWhileAServiceClientWithTheLargerRateIsNot()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:RateLimits:Window"] = "01:00:00",
            ["TicketCluster:RateLimits:PermitsPerWindow"] = "2",
            ["TicketCluster:RateLimits:ServicePermitsPerWindow"] = "4",
        });
        var merchant = silo.Client(ApiRole.Merchant, "m-1");
        var agent = silo.Client(ApiRole.Agent, "m-1");
        var merchantStatuses = new List<HttpStatusCode>();
        var agentStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            merchantStatuses.Add((await merchant.GetAsync("/api/v1/tickets/tk-none")).StatusCode);
            agentStatuses.Add((await agent.GetAsync("/api/v1/tickets/tk-none")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], merchantStatuses);
        Assert.All(agentStatuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        await ProblemAssert.IsAsync(await agent.GetAsync("/api/v1/tickets/tk-none"), HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Intake_OverTheGatewaysRate_NormalIsRefusedAndCreatesNothingButUrgentIsTaken()
    {
        await using var silo = await StartRateLimitedAsync();
        var gateway = silo.Client(ApiRole.Channel, "web-gateway");
        for (var i = 0; i < ClientPermits; i++)
        {
            var taken = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: $"c-{i}", orderId: $"o-{i}"));
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        }

        var refused = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-refused", orderId: "o-refused"));
        var urgent = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-urgent", orderId: "o-urgent", description: "The charger caught fire."));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);
        var admin = silo.Client(ApiRole.Admin);
        Assert.Contains("\"items\":[]", await admin.GetStringAsync("/api/v1/tickets?customerId=c-refused"), StringComparison.Ordinal);
        Assert.Contains("\"customerId\":\"c-urgent\"", await admin.GetStringAsync("/api/v1/tickets?customerId=c-urgent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_UrgentAllowanceSpentToo_IsRefused()
    {
        await using var silo = await StartRateLimitedAsync();
        var gateway = silo.Client(ApiRole.Channel, "app-gateway");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ClientPermits + 3; i++)
        {
            var response = await gateway.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: $"u-{i}", orderId: $"o-{i}", description: "The charger caught fire."));
            statuses.Add(response.StatusCode);
        }

        // Three of the client's own permits, two of the urgent allowance, then refused.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, ClientPermits + 2), HttpStatusCode.TooManyRequests], statuses);
    }

    private static Task<TestSilo> StartRateLimitedAsync() => TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:RateLimits:Window"] = "01:00:00",
        ["TicketCluster:RateLimits:PermitsPerWindow"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TicketCluster:RateLimits:ServicePermitsPerWindow"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TicketCluster:RateLimits:UrgentIntakePermitsPerWindow"] = "2",
    });
}
