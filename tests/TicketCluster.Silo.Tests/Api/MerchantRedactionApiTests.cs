using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Free text reaching a merchant has the customer's personal data redacted, over real HTTP on an
/// embedded SQLite node; staff read it as written.</summary>
public sealed class MerchantRedactionApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private const string Description = "The kettle leaks. Call me on 13812341234 or li.lei@example.com, I live at 1 Chang'an Avenue.";

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task Ticket_DescriptionWithPhoneEmailAddress_MerchantReadsItRedactedStaffAsWritten()
    {
        var id = await OpenAsync();

        var merchant = await (await _silo.Client(ApiRole.Merchant, "m-1", "m-1").GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
        var staff = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();

        Assert.Equal("The kettle leaks. Call me on 138****1234 or l***@example.com, I live at [address].", merchant.Description);
        Assert.Equal(Description, staff.Description);
    }

    [Fact]
    public async Task Events_NotesWithPersonalData_MerchantReadsThemRedacted()
    {
        var id = await OpenAsync();
        var agent = _silo.Client(ApiRole.Agent, "alice");
        await SecurityProbe.SendAsync(agent, id, "acknowledge", new { message = "On it." });
        await SecurityProbe.SendAsync(agent, id, "assign", new { department = "merchant", agentId = "alice" });
        await SecurityProbe.SendAsync(agent, id, "request-merchant-response", new { note = "Customer 11010519491231002X asks; ring 13812341234." });

        var response = await _silo.Client(ApiRole.Merchant, "m-1", "m-1").GetAsync($"/api/v1/tickets/{id}/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var events = JsonDocument.Parse(body);
        var request = events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "merchant-response-requested");
        Assert.Equal("Customer ****************** asks; ring 138****1234.", request.GetProperty("data").GetProperty("note").GetString());
        Assert.DoesNotContain("13812341234", body, StringComparison.Ordinal);
    }

    private async Task<string> OpenAsync()
    {
        var created = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(description: Description, orderId: $"o-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadAsync<TicketView>()).Id;
    }
}
