using System.Collections.Immutable;
using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class JsonAndReplayTests
{
    public static TheoryData<string> OptionSets() => ["default", "web"];

    private static JsonSerializerOptions Options(string name) => name == "web" ? JsonSerializerOptions.Web : JsonSerializerOptions.Default;

    /// <summary>A ticket that went through most steps: clocks in every state, a plan, refunds, escalation.</summary>
    private static TicketDriver Busy()
    {
        var driver = new TicketDriver().InProgress(Severity.Serious);
        driver.Must(Sample(K.AddContact, driver.State));
        driver.Must(Sample(K.RequestMerchantResponse, driver.State));
        driver.FireNext(ClockKind.MerchantResponse);
        driver.FireNext(ClockKind.MerchantResponse);
        driver.Must(Sample(K.InspectionResult, driver.State));
        driver.Must(Sample(K.DetermineResponsibility, driver.State));
        driver.Must(new ProposeResolution(ReturnAndRefundPlan()) { Actor = Agent });
        driver.Must(Sample(K.CustomerConfirmation, driver.State));
        driver.Must(Sample(K.AuthorizeReturn, driver.State));
        driver.Must(Sample(K.ReturnShipped, driver.State));
        driver.Must(Sample(K.ReturnReceived, driver.State));
        driver.Must(Sample(K.WarehouseInspection, driver.State));
        driver.Must(Sample(K.RefundIssued, driver.State));
        driver.FireNext(ClockKind.Resolution);
        return driver;
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void State_JsonRoundTrip_SerializesIdentically(string options)
    {
        var state = Busy().Ticket;
        var json = JsonSerializer.Serialize(state, Options(options));

        var back = JsonSerializer.Deserialize<TicketState>(json, Options(options))!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Options(options)));
        Assert.Equal(state.PendingTicks.AsEnumerable(), back.PendingTicks.AsEnumerable());
        Assert.Equal(state.Clocks.Values, back.Clocks.Values);
        Assert.Equal(state.Order.Amount, back.Order.Amount);
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Events_JsonRoundTrip_KeepTypeAndContent(string options)
    {
        var history = Busy().History;
        var json = JsonSerializer.Serialize(history, Options(options));

        var back = JsonSerializer.Deserialize<List<TicketEvent>>(json, Options(options))!;

        Assert.Equal(history.Select(e => e.GetType()), back.Select(e => e.GetType()));
        Assert.Equal(json, JsonSerializer.Serialize(back, Options(options)));
        Assert.Contains("\"type\":\"clock-started\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_JsonRoundTrip_EveryKind()
    {
        var state = Busy().Ticket;
        foreach (var kind in AllKinds)
        {
            var command = Sample(kind, state);
            var json = JsonSerializer.Serialize<TicketCommand>(command, JsonSerializerOptions.Web);

            var back = JsonSerializer.Deserialize<TicketCommand>(json, JsonSerializerOptions.Web)!;

            Assert.Equal(kind, back.Kind);
            Assert.Equal(json, JsonSerializer.Serialize(back, JsonSerializerOptions.Web));
        }
    }

    [Fact]
    public void Rejection_Json_CarriesAllowedList()
    {
        TicketRejection rejection = new CommandNotAllowed(S.Closed, K.Resolve, TransitionTable.AllowedIn(S.Closed));

        var json = JsonSerializer.Serialize(rejection, JsonSerializerOptions.Web);

        Assert.Contains("\"type\":\"command-not-allowed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"allowed\":[\"reopen\",\"archive\",\"deadline-reached\",\"record-cost\",\"callback-done\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_History_ReproducesStateExactly()
    {
        var driver = Busy();

        var replayed = TicketState.Replay(driver.History);

        Assert.Equal(JsonSerializer.Serialize(driver.Ticket), JsonSerializer.Serialize(replayed));
    }

    [Fact]
    public void Replay_JsonOfEvents_ReproducesState()
    {
        var driver = Busy();
        var events = JsonSerializer.Deserialize<ImmutableArray<TicketEvent>>(JsonSerializer.Serialize(driver.History));

        Assert.Equal(JsonSerializer.Serialize(driver.Ticket), JsonSerializer.Serialize(TicketState.Replay(events)));
    }

    [Fact]
    public void Apply_SequenceGap_Throws()
    {
        var driver = new TicketDriver().Opened();
        var gap = new EvidenceAdded([Photo]) { TicketId = TicketId, Sequence = driver.Ticket.Version + 2, At = Start, Actor = Customer };

        Assert.Throws<InvalidOperationException>(() => driver.Ticket.Apply(gap));
    }

    [Fact]
    public void Replay_NotStartingWithOpened_Throws()
    {
        var stray = new EvidenceAdded([Photo]) { TicketId = TicketId, Sequence = 1, At = Start, Actor = Customer };

        Assert.Throws<InvalidOperationException>(() => TicketState.Replay([stray]));
    }
}
