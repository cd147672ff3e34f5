using System.Text.Json;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>What the intake records about the problem and the customer: when, where, which order line,
/// the customer's language and time zone.</summary>
public sealed class IntakeFactsTests
{
    private static readonly OrderInfo TwoLines = Order with
    {
        Items =
        [
            new OrderItem("SKU-1", "Kettle", 1, Cny(200)) { LineId = "L1", Spec = "1.7 L, white" },
            new OrderItem("SKU-2", "Filter", 2, Cny(50)) { LineId = "L2" },
        ],
    };

    private static OpenTicket OpenWith(IncidentFacts? incident, Domain.Tickets.CustomerInfo? customer = null) =>
        Open() with { Incident = incident, Customer = customer ?? TicketFixtures.CustomerInfo, Order = TwoLines };

    [Fact]
    public void Open_WithIncidentAndLanguage_RecordedOnTheTicketAndItsLine()
    {
        var driver = new TicketDriver();
        var incident = new IncidentFacts(Start.AddDays(-2), new ServiceLocation(LocationKind.Store, "store-17", "Hangzhou West Lake"), new OrderLineRef("L1", null));

        driver.Must(OpenWith(incident, TicketFixtures.CustomerInfo with { Language = "zh-TW", TimeZone = "Asia/Taipei" }));

        Assert.Equal(incident, driver.Ticket.Incident);
        Assert.Equal("SKU-1", driver.Ticket.ConcernedLine?.Sku);
        Assert.Equal("1.7 L, white", driver.Ticket.ConcernedLine?.Spec);
        Assert.Equal("zh-TW", driver.Ticket.Customer.Language);
        Assert.Equal("Asia/Taipei", driver.Ticket.Customer.TimeZone);
        Assert.Equal(incident, Assert.IsType<TicketOpened>(driver.LastEvents[0]).Incident);
    }

    [Fact]
    public void Open_OccurredAfterNow_ValidationFailedOccurredAt()
    {
        var driver = new TicketDriver();

        var rejection = Assert.IsType<ValidationFailed>(driver.MustFail(OpenWith(new IncidentFacts(Start.AddMinutes(1), null, null))));

        Assert.Equal("occurredAt", rejection.Field);
        Assert.Null(driver.State);
    }

    [Theory]
    [InlineData("L3", null)]
    [InlineData(null, "SKU-9")]
    [InlineData("L2", "SKU-1")]
    [InlineData(null, null)]
    public void Open_OrderLineNotOfTheOrder_ValidationFailedOrderLine(string? lineId, string? sku)
    {
        var rejection = Assert.IsType<ValidationFailed>(new TicketDriver().MustFail(OpenWith(new IncidentFacts(null, null, new OrderLineRef(lineId, sku)))));

        Assert.Equal("orderLine", rejection.Field);
    }

    [Fact]
    public void Open_OrderWithoutItems_AnyLineAccepted()
    {
        var driver = new TicketDriver();

        driver.Must(Open() with { Order = Order with { Items = [] }, Incident = new IncidentFacts(null, null, new OrderLineRef("L-77", "SKU-77")) });

        Assert.Equal("L-77", driver.Ticket.Incident?.OrderLine?.LineId);
        Assert.Null(driver.Ticket.ConcernedLine);
    }

    [Theory]
    [InlineData("fr", null, "customer.language")]
    [InlineData("zh-cn", null, "customer.language")]
    [InlineData(null, "Asia/ Shanghai", "customer.timeZone")]
    public void Open_UnsupportedLanguageOrBadZone_ValidationFailed(string? language, string? zone, string field)
    {
        var rejection = Assert.IsType<ValidationFailed>(new TicketDriver().MustFail(OpenWith(null, TicketFixtures.CustomerInfo with { Language = language, TimeZone = zone })));

        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void Open_LocationWithoutId_ValidationFailedLocationId()
    {
        var rejection = Assert.IsType<ValidationFailed>(new TicketDriver().MustFail(OpenWith(new IncidentFacts(null, new ServiceLocation(LocationKind.ServicePoint, " ", null), null))));

        Assert.Equal("location.id", rejection.Field);
    }

    [Fact]
    public void Replay_IncidentFacts_SurviveJsonRoundTrip()
    {
        var driver = new TicketDriver();
        driver.Must(OpenWith(new IncidentFacts(Start.AddHours(-5), new ServiceLocation(LocationKind.ServicePoint, "sp-3", null), new OrderLineRef(null, "SKU-2")), TicketFixtures.CustomerInfo with { Language = "en" }));

        var events = JsonSerializer.Deserialize<TicketEvent[]>(JsonSerializer.Serialize<TicketEvent[]>([.. driver.History]))!;
        var replayed = TicketState.Replay(events);

        Assert.Equal(driver.Ticket.Incident, replayed.Incident);
        Assert.Equal("SKU-2", replayed.ConcernedLine?.Sku);
        Assert.Equal("en", replayed.Customer.Language);
    }
}
