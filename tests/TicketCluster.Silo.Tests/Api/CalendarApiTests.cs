using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Client;
using TicketCluster.Domain.Sla;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Deadlines on a configured business calendar, over real HTTP on an embedded SQLite node whose
/// clock stands on a Friday evening in Shanghai.</summary>
public sealed class CalendarApiTests : IAsyncLifetime
{
    /// <summary>Friday 2026-12-04 20:00 in Shanghai (12:00 UTC).</summary>
    private static readonly DateTimeOffset FridayEvening = new(2026, 12, 4, 20, 0, 0, TimeSpan.FromHours(8));

    private readonly ManualTimeProvider _clock = new(FridayEvening);
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["TicketCluster:Sla:FirstResponseNormal"] = "04:00:00",
            ["TicketCluster:Calendars:cn-office:TimeZone"] = "Asia/Shanghai",
            ["TicketCluster:Calendars:cn-office:Holidays:0"] = "2027-01-01",
            ["TicketCluster:CalendarSelection:Merchants:m-1"] = "cn-office",
        };
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
        {
            settings[$"TicketCluster:Calendars:cn-office:Hours:{day}"] = "09:00-12:00,13:00-18:00";
        }

        _silo = await TestSilo.StartSqliteAsync(settings, b => b.Services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Submit_NormalTicketOnFridayEvening_FirstResponseDueNextWorkingDay()
    {
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        var first = Assert.Single(ticket.Deadlines, d => d.Clock == ClockKind.FirstResponse);
        // Four business hours: Monday 09:00-12:00 and 13:00-14:00.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), first.DueAt);
        Assert.Equal("2026-12-07T14:00:00+08:00", first.DueAtLocal);
        Assert.Equal(("cn-office", "Asia/Shanghai"), (first.Calendar, first.TimeZone));
    }

    [Fact]
    public async Task GetTicketAsync_CalendarDeadline_ClientReadsLocalTimeWithItsOffset()
    {
        var created = await (await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint())).ReadAsync<TicketView>();

        var ticket = await new TicketClusterClient(_silo.Client(ApiRole.Agent)).GetTicketAsync(created.Id);

        var first = ticket.Deadline(ClockKind.FirstResponse)!;
        Assert.Equal(TimeSpan.FromHours(8), first.DueAtLocal!.Value.Offset);
        Assert.Equal(first.DueAt, first.DueAtLocal);
        Assert.Equal(("cn-office", "Asia/Shanghai"), (first.Calendar, first.TimeZone));
    }

    [Fact]
    public async Task Submit_UrgentSafetyTicket_StaysWallClockShownInCalendarZone()
    {
        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync(
            "/api/v1/tickets", Intakes.Complaint(description: "The kettle caught fire and burnt my hand.", severity: "urgent"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        var first = Assert.Single(ticket.Deadlines, d => d.Clock == ClockKind.FirstResponse);
        Assert.Equal(FridayEvening.AddHours(1), first.DueAt);
        Assert.Equal("2026-12-04T21:00:00+08:00", first.DueAtLocal);
        Assert.Equal((BusinessCalendar.WallClockId, "Asia/Shanghai"), (first.Calendar, first.TimeZone));
    }

    [Fact]
    public async Task Get_OtherMerchantWithoutCalendar_WallClockInUtc()
    {
        var created = await (await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(merchantId: "m-2", customerId: "c-2", orderId: "o-2")))
            .ReadAsync<TicketView>();

        var ticket = await (await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{created.Id}")).ReadAsync<TicketView>();

        var first = Assert.Single(ticket.Deadlines, d => d.Clock == ClockKind.FirstResponse);
        Assert.Equal(FridayEvening.AddHours(4), first.DueAt);
        Assert.Equal("2026-12-04T16:00:00+00:00", first.DueAtLocal);
        Assert.Equal((BusinessCalendar.WallClockId, "UTC"), (first.Calendar, first.TimeZone));
    }
}
