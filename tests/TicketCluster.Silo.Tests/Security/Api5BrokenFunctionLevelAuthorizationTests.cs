using System.Net;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API5:2023, broken function level authorization: every command a role may not send, sent with a
/// body that would be accepted from a role that may, is refused with 403 and changes nothing; the admin
/// endpoints refuse every other role the same way (<see cref="Api5AdminEndpointTests"/>).
/// </summary>
public sealed class Api5BrokenFunctionLevelAuthorizationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private string _ticket = null!;

    public async Task InitializeAsync()
    {
        _silo = await TestSilo.StartSqliteAsync();
        var created = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-1", merchantId: "m-1"));
        _ticket = (await created.ReadAsync<TicketView>()).Id;
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Command_EveryRoleOutsideItsRow_403WithProblemAndNothingChanged()
    {
        var before = await SecurityProbe.SnapshotAsync(_silo, _ticket, "c-1");
        var refused = 0;
        foreach (var route in CommandRoutes.Routes)
        {
            foreach (var role in Enum.GetValues<ApiRole>().Where(r => !route.Roles.Contains(r)))
            {
                var client = _silo.Client(role, "intruder", role == ApiRole.Merchant ? "m-1" : role == ApiRole.Customer ? "c-1" : null);

                var response = await client.PostJsonAsync($"/api/v1/tickets/{_ticket}/{route.Name}", PlausibleBody(route.Name));

                await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
                refused++;
            }
        }

        Assert.True(refused > CommandRoutes.Routes.Length, $"only {refused} refusals were tried");
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, _ticket, "c-1"));
    }

    /// <summary>A body each command would take from its own roles, so a refusal is for the role alone.</summary>
    private static object PlausibleBody(string command) => command switch
    {
        "acknowledge" => new { message = "We are on it." },
        "assign" => new { department = "customer-service", agentId = "mallory" },
        "request-info" => new { question = "Photo please." },
        "customer-reply" or "add-evidence" => new { message = "Here.", evidence = new[] { new { kind = "photo", url = "https://files.example.com/p.jpg", sha256 = new string('a', 64) } } },
        "request-merchant-response" => new { note = "Please answer." },
        "merchant-response" => new { position = "accept", statement = "We refund.", evidence = Array.Empty<object>() },
        "start-investigation" => new { investigation = "inspection", note = "Check it." },
        "inspection-result" => new { findings = "Cracked.", evidence = Array.Empty<object>() },
        "determine-responsibility" => new { party = "merchant", reason = "Defect." },
        "change-severity" => new { severity = "urgent", reason = "Safety." },
        "change-category" => new { category = "logistics", reason = "Late." },
        "propose-resolution" => SecurityProbe.RefundPlan(10m),
        "approve-resolution" => new { note = "ok" },
        "reject-resolution" or "reopen" or "withdraw" or "escalate" => new { reason = "Because." },
        "customer-confirmation" => new { accepted = true, statement = "Yes." },
        "authorize-return" => new { returnAddress = "1 Warehouse Road" },
        "return-shipped" or "replacement-shipped" => new { carrier = "SF", trackingNumber = "SF1" },
        "warehouse-inspection" => new { outcome = "pass" },
        "refund-issued" => new { amount = new { amount = 10m, currency = "CNY" }, reference = "R1" },
        "resolve" => new { result = "Refunded." },
        "answer-on-the-spot" => new { answer = "Hold the button." },
        "decline" => new { reason = "fraud", note = "Swapped item." },
        "close-as-duplicate" => new { duplicateOf = "tk-other" },
        "satisfaction" => new { score = 5 },
        _ => new { note = "x" },
    };
}

/// <summary>API5 on the admin endpoints: the cluster view refuses every role but admin with a 403 problem.
/// A refusal changes nothing, so the roles share one node.</summary>
public sealed class Api5AdminEndpointTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private readonly TestSilo _silo = node.Silo;

    [Theory]
    [InlineData(ApiRole.Channel)]
    [InlineData(ApiRole.Customer)]
    [InlineData(ApiRole.Merchant)]
    [InlineData(ApiRole.Agent)]
    [InlineData(ApiRole.Supervisor)]
    [InlineData(ApiRole.Warehouse)]
    [InlineData(ApiRole.Finance)]
    public async Task Cluster_NonAdmin_403WithProblem(ApiRole role)
    {
        var response = await _silo.Client(role, "someone", role is ApiRole.Merchant ? "m-1" : role is ApiRole.Customer ? "c-1" : null).GetAsync("/api/v1/cluster");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }
}
