using System.Net;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>One node and one open ticket (customer c-1, merchant m-1) for the whole matrix.</summary>
public sealed class MatrixSilo : IAsyncLifetime
{
    public TestSilo Silo { get; private set; } = null!;

    public string Ticket { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await TestSilo.StartSqliteAsync();
        var created = await Silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-1", merchantId: "m-1"));
        Ticket = (await created.ReadAsync<TicketView>()).Id;
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>Every role against every ticket endpoint, and tenants against each other's tickets. Every
/// request here leaves the ticket open, so one ticket serves the whole matrix.</summary>
public sealed class AuthorizationMatrixTests(MatrixSilo fixture) : IClassFixture<MatrixSilo>
{
    private readonly TestSilo _silo = fixture.Silo;
    private readonly string _ticket = fixture.Ticket;

    public static TheoryData<string, ApiRole> CommandsByRole()
    {
        var data = new TheoryData<string, ApiRole>();
        foreach (var route in CommandRoutes.Routes)
        {
            foreach (var role in Enum.GetValues<ApiRole>())
            {
                data.Add(route.Name, role);
            }
        }

        return data;
    }

    /// <summary>A role outside a command's row of the table is refused with 403 before anything is read;
    /// a role inside it gets past authorization (the ticket's status may still refuse the command).</summary>
    [Theory]
    [MemberData(nameof(CommandsByRole))]
    public async Task Command_ByEachRole_FollowsTheTable(string command, ApiRole role)
    {
        var route = CommandRoutes.Find(command)!;
        var client = _silo.Client(role, "someone", role == ApiRole.Merchant ? "m-1" : role == ApiRole.Customer ? "c-1" : null);

        var response = await client.PostJsonAsync($"/api/v1/tickets/{_ticket}/{command}", new { });

        if (route.Roles.Contains(role))
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{command} by {role}: {(int)response.StatusCode}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var after = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{_ticket}")).ReadAsync<TicketView>();
        Assert.Equal(Domain.Tickets.TicketStatus.Open, after.Status); // an empty body is never a complete command
    }

    [Theory]
    [InlineData(ApiRole.Channel, true)]
    [InlineData(ApiRole.Customer, true)]
    [InlineData(ApiRole.Agent, true)]
    [InlineData(ApiRole.Supervisor, true)]
    [InlineData(ApiRole.Admin, true)]
    [InlineData(ApiRole.Merchant, false)]
    [InlineData(ApiRole.Warehouse, false)]
    [InlineData(ApiRole.Finance, false)]
    public async Task Submit_ByEachRole_OnlyIntakeRolesMayOpen(ApiRole role, bool allowed)
    {
        var client = _silo.Client(role, "someone", role == ApiRole.Customer ? "c-9" : "m-9");

        var response = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-9", orderId: "o-" + role));

        Assert.Equal(allowed ? HttpStatusCode.Created : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Submit_CustomerForSomeoneElse_IsRefused()
    {
        var response = await _silo.Client(ApiRole.Customer, tenant: "c-1").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-2"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(ApiRole.Customer, "c-1", HttpStatusCode.OK)]
    [InlineData(ApiRole.Customer, "c-2", HttpStatusCode.NotFound)]
    [InlineData(ApiRole.Merchant, "m-1", HttpStatusCode.OK)]
    [InlineData(ApiRole.Merchant, "m-2", HttpStatusCode.NotFound)]
    [InlineData(ApiRole.Agent, null, HttpStatusCode.OK)]
    [InlineData(ApiRole.Warehouse, null, HttpStatusCode.OK)]
    [InlineData(ApiRole.Finance, null, HttpStatusCode.OK)]
    [InlineData(ApiRole.Channel, null, HttpStatusCode.OK)]
    public async Task ReadTicketAndEvents_ByTenant_OwnOnly(ApiRole role, string? tenant, HttpStatusCode expected)
    {
        var client = _silo.Client(role, "someone", tenant);

        Assert.Equal(expected, (await client.GetAsync($"/api/v1/tickets/{_ticket}")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync($"/api/v1/tickets/{_ticket}/events")).StatusCode);
    }

    [Theory]
    [InlineData(ApiRole.Customer, "c-2", "withdraw")]
    [InlineData(ApiRole.Customer, "c-2", "add-evidence")]
    [InlineData(ApiRole.Merchant, "m-2", "merchant-response")]
    [InlineData(ApiRole.Merchant, "m-2", "add-evidence")]
    public async Task Command_OnOtherTenantsTicket_Returns404AndChangesNothing(ApiRole role, string tenant, string command)
    {
        var before = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{_ticket}")).ReadAsync<TicketView>();

        var response = await _silo.Client(role, "someone", tenant).PostJsonAsync($"/api/v1/tickets/{_ticket}/{command}", new { reason = "x", evidence = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var after = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{_ticket}")).ReadAsync<TicketView>();
        Assert.Equal(before.Version, after.Version);
    }

    /// <summary>The read endpoints beside the ticket itself, for every role (docs/silo.md, Authorization).</summary>
    [Theory]
    [InlineData(ApiRole.Channel, null, 403, 403, 403, 403)]
    [InlineData(ApiRole.Customer, "c-1", 200, 200, 403, 403)]
    [InlineData(ApiRole.Customer, "c-2", 200, 404, 403, 403)]
    [InlineData(ApiRole.Merchant, "m-1", 200, 403, 200, 403)]
    [InlineData(ApiRole.Merchant, "m-2", 200, 403, 404, 403)]
    [InlineData(ApiRole.Agent, null, 200, 200, 200, 403)]
    [InlineData(ApiRole.Warehouse, null, 200, 200, 200, 403)]
    [InlineData(ApiRole.Finance, null, 200, 200, 200, 403)]
    [InlineData(ApiRole.Supervisor, null, 200, 200, 200, 200)]
    [InlineData(ApiRole.Admin, null, 200, 200, 200, 200)]
    public async Task QueryEndpoints_ByEachRole_FollowTheRules(ApiRole role, string? tenant, int list, int customer, int merchant, int report)
    {
        var client = _silo.Client(role, "someone", tenant);

        Assert.Equal(list, (int)(await client.GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(customer, (int)(await client.GetAsync("/api/v1/customers/c-1")).StatusCode);
        Assert.Equal(merchant, (int)(await client.GetAsync("/api/v1/merchants/m-1")).StatusCode);
        Assert.Equal(report, (int)(await client.GetAsync("/api/v1/reports/summary?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z")).StatusCode);
    }

    [Theory]
    [InlineData(ApiRole.Merchant, "m-2", "merchantId=m-1")]
    [InlineData(ApiRole.Customer, "c-2", "customerId=c-1")]
    public async Task List_FilterOnAnotherTenant_IsRefusedAndRevealsNothing(ApiRole role, string tenant, string filter)
    {
        var response = await _silo.Client(role, "someone", tenant).GetAsync("/api/v1/tickets?" + filter);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_ticket, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApiRole.Merchant, "m-2")]
    [InlineData(ApiRole.Customer, "c-2")]
    public async Task List_OtherTenant_DoesNotSeeTheTicket(ApiRole role, string tenant)
    {
        var body = await (await _silo.Client(role, "someone", tenant).GetAsync("/api/v1/tickets")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(_ticket, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_ForMerchant_HideCustomerData()
    {
        var body = await (await _silo.Client(ApiRole.Merchant, tenant: "m-1").GetAsync($"/api/v1/tickets/{_ticket}/events")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("Li Lei", body, StringComparison.Ordinal);
        Assert.DoesNotContain("138", body, StringComparison.Ordinal);
        Assert.DoesNotContain("li.lei@example.com", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_MerchantWithoutMerchantId_IsForbidden()
    {
        var issuer = new TokenIssuer(System.Text.Encoding.UTF8.GetBytes(TestSilo.SigningKey), "ticketcluster", "ticketcluster-api", TimeProvider.System);
        using var client = new HttpClient { BaseAddress = _silo.BaseAddress };
        var token = issuer.Issue(ApiRole.Merchant, "m-1", merchantId: null, customerId: null, TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/tickets/{_ticket}")).StatusCode);
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_IsUnauthorized()
    {
        var issuer = new TokenIssuer(new byte[32], "ticketcluster", "ticketcluster-api", TimeProvider.System);
        using var client = new HttpClient { BaseAddress = _silo.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", issuer.Issue(ApiRole.Admin, "eve", null, null, TimeSpan.FromMinutes(5)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/tickets/{_ticket}")).StatusCode);
    }
}
