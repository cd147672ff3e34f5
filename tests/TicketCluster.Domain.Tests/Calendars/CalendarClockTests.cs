using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tests.Tickets;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Calendars.TestCalendars;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Calendars;

/// <summary>Ticket clocks on business calendars: which clocks use one, how it is chosen and kept.</summary>
public sealed class CalendarClockTests
{
    /// <summary>Friday 2026-12-04 20:00 in Shanghai.</summary>
    private static readonly DateTimeOffset FridayEvening = Cst(2026, 12, 4, 20);

    private static TicketPolicy PolicyWith(CalendarPolicy calendars) => TicketPolicy.Default with { Calendars = calendars };

    private static CalendarPolicy MerchantOffice(BusinessCalendar? calendar = null) => new()
    {
        Calendars = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cn-office", calendar ?? Office())]),
        ByMerchant = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(Order.MerchantId, "cn-office")]),
    };

    [Fact]
    public void Open_NormalTicketOnFridayEvening_FirstResponseDueNextWorkingDays()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened();

        var clock = driver.Ticket.Clock(ClockKind.FirstResponse)!;

        // 24 business hours of 8 a day: Monday, Tuesday and Wednesday, due Wednesday 18:00.
        Assert.Equal("cn-office", clock.CountsOn.Id);
        Assert.Equal(Cst(2026, 12, 9, 18), clock.DueAt);
        // The warning at 80 %, 19.2 h: Wednesday 13:12.
        Assert.Equal(Cst(2026, 12, 9, 13, 12), driver.PendingTick(ClockKind.FirstResponse).DueAt);
    }

    [Fact]
    public void Open_MarketplaceCalendarAndNoneForTheMerchant_ClockCountsTheMarketplaces()
    {
        var calendars = new CalendarPolicy
        {
            Calendars = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cn-office", Office())]),
            ByMarketplace = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cn", "cn-office")]),
        };
        var onMarketplace = new TicketDriver(PolicyWith(calendars), FridayEvening);
        var elsewhere = new TicketDriver(PolicyWith(calendars), FridayEvening);

        onMarketplace.Must(Open() with { Order = Order with { Marketplace = "cn" } });
        elsewhere.Must(Open() with { Order = Order with { Marketplace = "eu" } });

        Assert.Equal("cn-office", onMarketplace.Ticket.Clock(ClockKind.FirstResponse)!.CountsOn.Id);
        Assert.Equal(Cst(2026, 12, 9, 18), onMarketplace.Ticket.Clock(ClockKind.FirstResponse)!.DueAt);
        Assert.Null(elsewhere.Ticket.Clock(ClockKind.FirstResponse)!.Calendar);
    }

    [Fact]
    public void Open_UrgentTicket_ClocksCountWallClockInCalendarZone()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened(Severity.Urgent);

        var clock = driver.Ticket.Clock(ClockKind.FirstResponse)!;

        Assert.Equal(BusinessCalendar.WallClockId, clock.CountsOn.Id);
        Assert.Equal("Asia/Shanghai", clock.CountsOn.TimeZone);
        Assert.Equal(FridayEvening.AddHours(1), clock.DueAt);
    }

    [Fact]
    public void Open_NoCalendarsConfigured_ClockHasNoCalendarAndJsonHasNoCalendarProperty()
    {
        var driver = new TicketDriver(start: FridayEvening).Opened();

        var clock = driver.Ticket.Clock(ClockKind.FirstResponse)!;

        Assert.Null(clock.Calendar);
        Assert.Equal(FridayEvening.AddHours(24), clock.DueAt);
        Assert.DoesNotContain("calendar", JsonSerializer.Serialize(driver.Ticket, JsonSerializerOptions.Web), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CustomerClocks_OnCalendarPolicy_CountWallClock()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).InProgress();
        driver.Must(Sample(TicketCommandKind.RequestInformation, driver.State));

        var reply = driver.Ticket.Clock(ClockKind.CustomerReply)!;

        Assert.Equal(BusinessCalendar.WallClockId, reply.CountsOn.Id);
        Assert.Equal(FridayEvening.AddHours(72), reply.DueAt);
    }

    [Fact]
    public void MerchantResponse_DepartmentCalendar_WinsOverMerchantCalendar()
    {
        var weekend = new BusinessCalendar { Id = "weekend-desk", TimeZone = "Asia/Shanghai", Hours = [Period(DayOfWeek.Saturday, 0, 24), Period(DayOfWeek.Sunday, 0, 24)] };
        var policy = MerchantOffice() with
        {
            Calendars = MerchantOffice().Calendars.Add(weekend.Id, weekend),
            ByDepartment = ImmutableDictionary<Department, string>.Empty.Add(Department.ProductQuality, weekend.Id),
        };
        var driver = new TicketDriver(PolicyWith(policy), FridayEvening).InProgress();
        driver.Must(Sample(TicketCommandKind.RequestMerchantResponse, driver.State));

        var merchant = driver.Ticket.Clock(ClockKind.MerchantResponse)!;

        // Opened before routing: the resolution clock kept the merchant's calendar.
        Assert.Equal("cn-office", driver.Ticket.Clock(ClockKind.Resolution)!.CountsOn.Id);
        Assert.Equal("weekend-desk", merchant.CountsOn.Id);
        // 48 hours of Saturday and Sunday: due at Monday's midnight.
        Assert.Equal(Cst(2026, 12, 7, 0), merchant.DueAt);
    }

    [Fact]
    public void ConfigurationChange_RunningClock_KeepsItsDeadline()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened();
        var due = driver.Ticket.Clock(ClockKind.FirstResponse)!.DueAt;

        // The same ticket decided later under a policy whose calendar now has Monday as a holiday.
        var changed = PolicyWith(MerchantOffice(Office() with { Holidays = [new DateOnly(2026, 12, 7)] }));
        var decision = TicketDecider.Decide(
            driver.Ticket, Sample(TicketCommandKind.ChangeCategory, driver.State), new DecisionContext(FridayEvening.AddHours(1), changed));
        var after = decision.Events.Aggregate(driver.Ticket, (state, e) => state.Apply(e));

        Assert.True(decision.IsAccepted);
        Assert.Equal(due, after.Clock(ClockKind.FirstResponse)!.DueAt);
        Assert.Equal(due, TicketState.Replay([.. driver.History, .. decision.Events]).Clock(ClockKind.FirstResponse)!.DueAt);
    }

    [Fact]
    public void ChangeSeverity_ToUrgent_ClockSwitchesToWallClockKeepingElapsed()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), Cst(2026, 12, 7, 9)).Opened();
        driver.AdvanceTo(Cst(2026, 12, 7, 14));

        driver.Must(new ChangeSeverity(Severity.Urgent, "A child was burnt.") { Actor = Agent });

        var clock = driver.Ticket.Clock(ClockKind.Resolution)!;
        Assert.Equal(BusinessCalendar.WallClockId, clock.CountsOn.Id);
        Assert.Equal(TimeSpan.FromHours(4), clock.Elapsed);
        Assert.Equal(Cst(2026, 12, 7, 14).AddHours(20), clock.DueAt);
    }

    [Fact]
    public void ChangeSeverity_NormalToSerious_ClockKeepsItsCalendar()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), Cst(2026, 12, 7, 9)).Opened();
        driver.AdvanceTo(Cst(2026, 12, 7, 10));

        driver.Must(new ChangeSeverity(Severity.Serious, "Repeat complaint.") { Actor = Agent });

        // 4 business hours, one spent: 10:00-12:00, then 13:00-14:00 (lunch skipped).
        Assert.Equal(Cst(2026, 12, 7, 14), driver.Ticket.Clock(ClockKind.FirstResponse)!.DueAt);
    }

    [Fact]
    public void Pause_OverWeekend_ResumesWithBusinessTimeKept()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), Cst(2026, 12, 4, 17)).InProgress();
        driver.Must(Sample(TicketCommandKind.RequestInformation, driver.State));
        driver.AdvanceTo(Cst(2026, 12, 7, 10));
        driver.Must(Sample(TicketCommandKind.CustomerReply, driver.State));

        var resolution = driver.Ticket.Clock(ClockKind.Resolution)!;

        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(TimeSpan.Zero, resolution.Elapsed);
        Assert.Equal(TimeSpan.FromHours(1), resolution.ElapsedAt(Cst(2026, 12, 7, 11)));
    }

    [Fact]
    public void Tick_AtBusinessDeadline_BreachesOnce()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened();

        driver.FireNext(ClockKind.FirstResponse);
        var deadline = driver.FireNext(ClockKind.FirstResponse);

        Assert.Contains(deadline, e => e is ClockStageReached { Stage: ClockStage.Deadline });
        Assert.Equal(Cst(2026, 12, 9, 18), driver.Now);
        Assert.Equal(ClockStatus.Breached, driver.Ticket.Clock(ClockKind.FirstResponse)!.Status);
    }

    [Fact]
    public void StoredStateWithoutCalendar_ReadsAsWallClock()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened();
        var json = JsonNode.Parse(JsonSerializer.Serialize(driver.Ticket, JsonSerializerOptions.Web))!;
        foreach (var clock in json["clocks"]!.AsObject())
        {
            clock.Value!.AsObject().Remove("calendar");
        }

        var old = JsonSerializer.Deserialize<TicketState>(json.ToJsonString(), JsonSerializerOptions.Web)!;

        Assert.Null(old.Clock(ClockKind.FirstResponse)!.Calendar);
        Assert.Equal(FridayEvening.AddHours(24), old.Clock(ClockKind.FirstResponse)!.DueAt);
    }

    [Fact]
    public void StateAndEvents_WithCalendar_RoundTripAndReplay()
    {
        var calendar = Office() with { Holidays = [new DateOnly(2026, 12, 8)], Freezes = [new CalendarFreeze(Cst(2026, 12, 10, 0), Cst(2026, 12, 11, 0))] };
        var driver = new TicketDriver(PolicyWith(MerchantOffice(calendar)), FridayEvening).InProgress();
        var events = JsonSerializer.Deserialize<List<TicketEvent>>(JsonSerializer.Serialize(driver.History, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        var state = JsonSerializer.Deserialize<TicketState>(JsonSerializer.Serialize(driver.Ticket, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

        Assert.Equal(driver.Ticket.Clocks.Values, state.Clocks.Values);
        Assert.Equal(driver.Ticket.Clocks.Values, TicketState.Replay(events).Clocks.Values);
        Assert.Equal(driver.Ticket.PendingTicks.AsEnumerable(), state.PendingTicks.AsEnumerable());
    }

    [Fact]
    public void ClockStarted_WithCalendar_WritesWeekdaysByName()
    {
        var driver = new TicketDriver(PolicyWith(MerchantOffice()), FridayEvening).Opened();

        var json = JsonSerializer.Serialize(driver.History.OfType<ClockStarted>().First(), JsonSerializerOptions.Default);

        Assert.Contains("\"Day\":\"monday\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Id\":\"cn-office\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelectionNamingUnknownCalendar_NamesKey()
    {
        var policy = MerchantOffice() with { Default = "nowhere", ByDepartment = ImmutableDictionary<Department, string>.Empty.Add(Department.Finance, BusinessCalendar.WallClockId) };

        var errors = policy.Validate("C", "S").ToList();

        Assert.Equal(["S:Default: no calendar 'nowhere' is configured under C."], errors);
    }

    [Theory]
    [InlineData(ClockKind.FirstResponse, Severity.Normal, true)]
    [InlineData(ClockKind.Resolution, Severity.Serious, true)]
    [InlineData(ClockKind.MerchantResponse, Severity.Normal, true)]
    [InlineData(ClockKind.WarehouseInspection, Severity.Normal, true)]
    [InlineData(ClockKind.FirstResponse, Severity.Urgent, false)]
    [InlineData(ClockKind.MerchantResponse, Severity.Urgent, false)]
    [InlineData(ClockKind.CustomerReply, Severity.Normal, false)]
    [InlineData(ClockKind.CustomerConfirmation, Severity.Normal, false)]
    [InlineData(ClockKind.ReturnShipment, Severity.Normal, false)]
    [InlineData(ClockKind.Survey, Severity.Normal, false)]
    [InlineData(ClockKind.AutoClose, Severity.Normal, false)]
    public void CountsBusinessTime_ClockAndSeverity_AsDocumented(ClockKind kind, Severity severity, bool expected) =>
        Assert.Equal(expected, ClockRules.CountsBusinessTime(kind, severity));
}
