using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Tests.Hosting;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>In-country return addresses over real HTTP on an embedded SQLite node configured with one for
/// Germany: an order delivered there is returned to it when the agent names no address.</summary>
public sealed class InCountryReturnApiTests : IAsyncLifetime
{
    private const string Leipzig = "Retourenzentrum, Lagerstr. 5, 04129 Leipzig";
    private TestSilo _silo = null!;
    private int _tickets;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:ReturnAddresses:DE:Address"] = Leipzig,
        ["TicketCluster:ReturnAddresses:DE:Contact"] = "Returns desk, +49 341 000000",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AuthorizeReturn_NoAddressOnAnOrderDeliveredToGermany_ReturnsToTheGermanHub()
    {
        var id = await ConfirmedReturnAsync("DE");

        var authorized = await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "authorize-return", new { packaging = "Original box" });

        Assert.Equal("DE", authorized.Order.ShipToCountry);
        Assert.Equal(Leipzig, authorized.Resolution!.Execution.ReturnInstructions!.Address);
        Assert.Equal("Returns desk, +49 341 000000", authorized.Resolution.Execution.ReturnInstructions.Contact);
        using var events = JsonDocument.Parse(await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}/events")).Content.ReadAsStringAsync());
        var data = events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "return-authorized").GetProperty("data");
        Assert.Equal(("DE", Leipzig), (data.GetProperty("inCountry").GetString(), data.GetProperty("returnAddress").GetString()));
    }

    [Fact]
    public async Task AuthorizeReturn_NoAddressAndNoHubForFrance_400NamingReturnAddress()
    {
        var id = await ConfirmedReturnAsync("FR");

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/authorize-return", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("returnAddress", body, StringComparison.Ordinal);
        Assert.Contains("FR", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_LowerCaseShipToCountry_400NamingTheField()
    {
        var intake = Intakes.Complaint(orderId: "o-country-bad");
        ((Dictionary<string, object?>)intake["order"]!)["shipToCountry"] = "de";

        var response = await _silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", intake);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("order.shipToCountry", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReturnAddressForAMalformedCountry_RefusedNamingTheKey()
    {
        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(ConfigurationTests.Configuration(new Dictionary<string, string?>
        {
            ["TicketCluster:ReturnAddresses:Germany:Address"] = Leipzig,
        })));

        Assert.Contains(exception.Errors, e => e.Contains("ReturnAddresses:Germany", StringComparison.Ordinal));
    }

    private async Task<string> ConfirmedReturnAsync(string country)
    {
        var intake = Intakes.Complaint(orderId: $"o-country-{Interlocked.Increment(ref _tickets)}");
        ((Dictionary<string, object?>)intake["order"]!)["shipToCountry"] = country;
        var id = (await SecurityProbe.OpenInProgressAsync(_silo, intake)).Id;
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Agent, "alice"), id, "propose-resolution", new
        {
            plan = new { kind = "return-and-refund", amount = new { amount = 199.00m, currency = "CNY" }, shippingPaidBy = "merchant" },
        });
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), id, "customer-confirmation", new { accepted = true, statement = "I agree." });
        return id;
    }
}
