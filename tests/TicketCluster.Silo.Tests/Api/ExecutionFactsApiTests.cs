using System.Net;
using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Return instructions and the replacement an exchange ships, over real HTTP on an embedded SQLite node.</summary>
public sealed class ExecutionFactsApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private static int _tickets;

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task AuthorizeReturn_WithInstructions_CustomerSeesAddressContactPackagingAccessories()
    {
        var id = await ConfirmedAsync(new { kind = "return-and-refund", amount = new { amount = 199.00m, currency = "CNY" }, shippingPaidBy = "merchant" });

        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent), id, "authorize-return", new
        {
            returnAddress = "Warehouse 3, 88 Binjiang Road, Hangzhou",
            contact = "Returns desk, 0571-8888 0000",
            packaging = "Original box, taped shut",
            accessories = new[] { "power base", "manual" },
        });

        var seen = await (await _silo.Client(ApiRole.Customer, "c-1", "c-1").GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
        var instructions = seen.Resolution!.Execution.ReturnInstructions!;
        Assert.Equal("Returns desk, 0571-8888 0000", instructions.Contact);
        Assert.Equal("Original box, taped shut", instructions.Packaging);
        Assert.Equal(new[] { "power base", "manual" }, instructions.Accessories.ToArray());
    }

    [Fact]
    public async Task AuthorizeReturn_BlankAccessory_400NamingIt()
    {
        var id = await ConfirmedAsync(new { kind = "return-and-refund", amount = new { amount = 199.00m, currency = "CNY" }, shippingPaidBy = "merchant" });

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/authorize-return", new { returnAddress = "W3", accessories = new[] { "cable", "" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("accessories[1]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacementShipped_OtherSkuThanTheOriginalLine_422ReplacementMismatch()
    {
        var id = await ConfirmedAsync(new { kind = "exchange", exchange = "ship-first" });

        var response = await _silo.Client(ApiRole.Merchant, "m-1", "m-1").PostJsonAsync(
            $"/api/v1/tickets/{id}/replacement-shipped", new { carrier = "SF Express", trackingNumber = "SF100", sku = "K-2" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("replacement-mismatch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposeResolution_OtherReplacement_SupervisorApprovesThenItShipsAuditTrailSaysWho()
    {
        var (id, proposed) = await ProposeAsync(new { kind = "exchange", exchange = "ship-first", replacement = new { sku = "K-2", spec = "black" } });
        Assert.Equal(TicketStatus.PendingApproval, proposed.Status);

        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Supervisor, "sam"), id, "approve-resolution", new { note = "White is sold out; same price." });
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), id, "customer-confirmation", new { accepted = true, statement = "Black is fine." });
        var merchant = _silo.Client(ApiRole.Merchant, "m-1", "m-1");
        var original = await merchant.PostJsonAsync($"/api/v1/tickets/{id}/replacement-shipped", new { carrier = "SF Express", trackingNumber = "SF101", sku = "K-1" });
        var shipped = await merchant.PostJsonAsync($"/api/v1/tickets/{id}/replacement-shipped", new { carrier = "SF Express", trackingNumber = "SF102", sku = "K-2", spec = "black" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, original.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        using var events = JsonDocument.Parse(await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}/events")).Content.ReadAsStringAsync());
        var trail = events.RootElement.EnumerateArray().ToList();
        Assert.True(trail.Single(e => e.GetProperty("type").GetString() == "resolution-proposed").GetProperty("data").GetProperty("replacementDiffers").GetBoolean());
        Assert.Equal("sam", trail.Single(e => e.GetProperty("type").GetString() == "plan-approved").GetProperty("actor").GetString());
        Assert.Equal("K-2", trail.Single(e => e.GetProperty("type").GetString() == "replacement-shipped").GetProperty("data").GetProperty("sku").GetString());
    }

    /// <summary>A new ticket with <paramref name="plan"/> proposed: its id and the ticket after the proposal.</summary>
    private async Task<(string Id, TicketView Proposed)> ProposeAsync(object plan)
    {
        var id = (await SecurityProbe.OpenInProgressAsync(_silo, $"o-exec-{Interlocked.Increment(ref _tickets)}")).Id;
        return (id, await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "propose-resolution", new { plan }));
    }

    /// <summary>A ticket whose <paramref name="plan"/> (needing no approval) the customer confirmed.</summary>
    private async Task<string> ConfirmedAsync(object plan)
    {
        var (id, proposed) = await ProposeAsync(plan);
        Assert.Equal(TicketStatus.AwaitingConfirmation, proposed.Status);
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), id, "customer-confirmation", new { accepted = true, statement = "I agree." });
        return id;
    }
}
