using System.Collections.Immutable;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>In-country return addresses: a cross-border order's return goes to the address configured for
/// the country it was delivered to, unless the agent gives one.</summary>
public sealed class InCountryReturnTests
{
    private static readonly TicketPolicy WithGermanHub = TicketPolicy.Default with
    {
        ReturnAddresses = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create("DE", new InCountryReturnAddress("Retourenzentrum, Lagerstr. 5, 04129 Leipzig", "Returns desk, +49 341 000000")),
        ]),
    };

    // A return-and-refund plan confirmed on an order delivered to shipToCountry.
    private static TicketDriver Executing(string? shipToCountry, TicketPolicy? policy = null)
    {
        var driver = new TicketDriver(policy ?? WithGermanHub);
        driver.Must(Open() with { Order = Order with { ShipToCountry = shipToCountry } });
        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });
        driver.Must(new AssignTicket(Department.ProductQuality, "a-1") { Actor = Supervisor });
        driver.Must(new ProposeResolution(ReturnAndRefundPlan()) { Actor = Agent });
        driver.Must(new RecordCustomerConfirmation(true, "Yes.") { Actor = Customer });
        return driver;
    }

    [Fact]
    public void AuthorizeReturn_NoAddressOnAnOrderDeliveredToGermany_TheGermanHubWithItsContact()
    {
        var driver = Executing("DE");

        driver.Must(new AuthorizeReturn(null, null) { Actor = Agent, Packaging = "Original box" });

        var authorized = Assert.IsType<ReturnAuthorized>(driver.LastEvents[0]);
        Assert.Equal(("Retourenzentrum, Lagerstr. 5, 04129 Leipzig", "DE"), (authorized.ReturnAddress, authorized.InCountry));
        Assert.Equal(("Returns desk, +49 341 000000", "Original box"), (authorized.Instructions!.Contact, authorized.Instructions.Packaging));
        Assert.Equal("Retourenzentrum, Lagerstr. 5, 04129 Leipzig", driver.Ticket.Execution.ReturnAddress);
    }

    [Fact]
    public void AuthorizeReturn_AgentGivesAnAddress_ItWinsAndNoCountryIsRecorded()
    {
        var driver = Executing("DE");

        driver.Must(new AuthorizeReturn("Warehouse 3, Hangzhou", null) { Actor = Agent });

        var authorized = Assert.IsType<ReturnAuthorized>(driver.LastEvents[0]);
        Assert.Equal(("Warehouse 3, Hangzhou", (string?)null), (authorized.ReturnAddress, authorized.InCountry));
        Assert.Null(authorized.Instructions!.Contact);
    }

    [Fact]
    public void AuthorizeReturn_NoAddressAndNoHubForTheCountry_ValidationFailedNamingTheCountry()
    {
        var france = Executing("FR");
        var nowhere = Executing(null);

        var noHub = Assert.IsType<ValidationFailed>(france.MustFail(new AuthorizeReturn(null, null) { Actor = Agent }));
        var noCountry = Assert.IsType<ValidationFailed>(nowhere.MustFail(new AuthorizeReturn(null, null) { Actor = Agent }));

        Assert.Equal("returnAddress", noHub.Field);
        Assert.Contains("FR", noHub.Reason, StringComparison.Ordinal);
        Assert.Equal("returnAddress", noCountry.Field);
        Assert.Null(france.Ticket.Execution.ReturnAuthorizedAt);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("DEU")]
    [InlineData("D1")]
    public void Open_MalformedShipToCountry_ValidationFailed(string country)
    {
        var refused = Assert.IsType<ValidationFailed>(new TicketDriver().MustFail(Open() with { Order = Order with { ShipToCountry = country } }));

        Assert.Equal("order.shipToCountry", refused.Field);
    }

    [Fact]
    public void Validate_BadCountryOrBlankAddress_NamesTheKey()
    {
        var policy = TicketPolicy.Default with
        {
            ReturnAddresses = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("de", new InCountryReturnAddress("Leipzig", null)),
                KeyValuePair.Create("FR", new InCountryReturnAddress(" ", null)),
            ]),
        };

        var errors = policy.Validate();

        Assert.Contains(errors, e => e.StartsWith("ReturnAddresses:de:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ReturnAddresses:FR:Address", StringComparison.Ordinal));
    }
}
