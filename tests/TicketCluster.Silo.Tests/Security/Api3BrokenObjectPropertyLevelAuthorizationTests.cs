using System.Net;
using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Admission;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API3:2023, broken object property level authorization: the intake fields that are staff
/// decisions (severity, category, the customer's tier) per role, and what a merchant sees of a ticket in
/// a list compared with the ticket itself.
/// </summary>
public sealed class Api3BrokenObjectPropertyLevelAuthorizationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData(ApiRole.Customer, "severity", "urgent")]
    [InlineData(ApiRole.Customer, "category", "counterfeit")]
    [InlineData(ApiRole.Customer, "customer.tier", "vip")]
    [InlineData(ApiRole.Channel, "severity", "urgent")]
    public async Task Intake_FieldTheRoleMayNotSet_400NamingItAndNothingRecorded(ApiRole role, string field, string value)
    {
        var before = await SecurityProbe.SnapshotAsync(_silo, null, "c-1");
        var body = field switch
        {
            "severity" => Intakes.Complaint(severity: value),
            "category" => Intakes.Complaint(category: value),
            _ => Intakes.Complaint(tier: value),
        };

        var response = await _silo.Client(role, "someone", role == ApiRole.Customer ? "c-1" : null).PostJsonAsync("/api/v1/tickets", body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, null, "c-1"));
    }

    [Fact]
    public async Task Intake_ChannelStatesCategoryAndTier_Kept()
    {
        var response = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(category: "logistics", tier: "vip"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(TicketCategory.Logistics, ticket.Category);
        Assert.Equal(CustomerTier.Vip, ticket.Customer.Tier);
    }

    [Fact]
    public async Task Intake_AgentStatesSeverity_Kept()
    {
        var response = await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(channel: "hotline", severity: "urgent"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Severity.Urgent, (await response.ReadAsync<TicketView>()).Severity);
    }

    [Fact]
    public async Task Intake_CustomerAfterGatewayStatedVip_ProfileTierKept()
    {
        var gateway = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-1", tier: "vip"));
        Assert.Equal(HttpStatusCode.Created, gateway.StatusCode);

        var own = await _silo.Client(ApiRole.Customer, "app", "c-1").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-1", orderId: "o-2"));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(CustomerTier.Vip, (await own.ReadAsync<TicketView>()).Customer.Tier);
    }

    [Theory]
    [InlineData(ApiRole.Customer, Severity.Normal)]
    [InlineData(ApiRole.Channel, Severity.Normal)]
    [InlineData(null, Severity.Normal)]
    [InlineData(ApiRole.Agent, Severity.Urgent)]
    public void AdmissionEstimate_ClaimedUrgency_CountsOnlyForStaff(ApiRole? role, Severity expected)
    {
        var body = new IntakeBody
        {
            Channel = Channel.App,
            Severity = Severity.Urgent,
            Description = "The lid is scratched.",
            Customer = new CustomerBody { Id = "c-1", Tier = CustomerTier.Regular },
        };

        Assert.Equal(expected, IntakeSeverityEstimate.Of(IntakeTrust.Trusted(body, role), TicketClassifier.Default));
    }

    /// <summary>The merchant's ticket view is the one masking rule: a list item shows a merchant no member
    /// that the view leaves out (the id, order and times are the view's, under the list's names).</summary>
    [Fact]
    public async Task ListItem_ForMerchant_ShowsNothingTheMerchantTicketViewHides()
    {
        var created = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(merchantId: "m-1"));
        var id = (await created.ReadAsync<TicketView>()).Id;
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "acknowledge", new { message = "On it." });
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "assign", new { department = "merchant", agentId = "alice" });
        var merchant = _silo.Client(ApiRole.Merchant, "shop", "m-1");

        var view = JsonDocument.Parse(await merchant.GetStringAsync($"/api/v1/tickets/{id}")).RootElement;
        var list = JsonDocument.Parse(await merchant.GetStringAsync("/api/v1/tickets")).RootElement;

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        var shown = ShownMembers(view);
        var sameAs = new Dictionary<string, string> { ["id"] = "id", ["merchantId"] = "order", ["orderId"] = "order", ["createdAt"] = "openedAt", ["updatedAt"] = "version" };
        foreach (var member in item.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null))
        {
            Assert.True(shown.Contains(sameAs.GetValueOrDefault(member.Name, member.Name)), $"a merchant's list item shows '{member.Name}', which the merchant's ticket view hides");
        }

        Assert.False(item.TryGetProperty("channel", out _));
    }

    private static HashSet<string> ShownMembers(JsonElement view) =>
        [.. view.EnumerateObject().Where(m => m.Value.ValueKind != JsonValueKind.Null).Select(m => m.Name)];
}
