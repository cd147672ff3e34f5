using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>TicketCluster:Calendars and TicketCluster:CalendarSelection: bound, and refused naming the key (the
/// exit code of a node started with a bad calendar: <see cref="ConfigurationTests"/>).</summary>
public sealed class CalendarConfigurationTests
{
    private static readonly Dictionary<string, string?> Office = new()
    {
        ["TicketCluster:Calendars:cn:TimeZone"] = "Asia/Shanghai",
        ["TicketCluster:Calendars:cn:Hours:Monday"] = "09:00-12:00, 13:00-18:00",
        ["TicketCluster:Calendars:cn:Hours:saturday"] = "10:00-24:00",
        ["TicketCluster:Calendars:cn:Holidays:0"] = "2027-01-01",
        ["TicketCluster:Calendars:cn:Freezes:0:From"] = "2027-02-05T00:00:00+08:00",
        ["TicketCluster:Calendars:cn:Freezes:0:To"] = "2027-02-12T00:00:00+08:00",
        ["TicketCluster:CalendarSelection:Departments:warehouse-logistics"] = "cn",
        ["TicketCluster:CalendarSelection:Merchants:m-1"] = "cn",
        ["TicketCluster:CalendarSelection:Merchants:m-eu-1"] = "wall-clock",
        ["TicketCluster:CalendarSelection:Marketplaces:eu"] = "cn",
        ["TicketCluster:CalendarSelection:Default"] = "wall-clock",
    };

    [Fact]
    public void Load_Calendar_IsBound()
    {
        var calendars = SiloSettings.Load(ConfigurationTests.Configuration(Office)).Policy.Calendars;

        var cn = calendars.Calendars["cn"];
        Assert.Equal("Asia/Shanghai", cn.TimeZone);
        Assert.Equal(
            new[]
            {
                new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(9), TimeSpan.FromHours(12)),
                new WorkingPeriod(DayOfWeek.Monday, TimeSpan.FromHours(13), TimeSpan.FromHours(18)),
                new WorkingPeriod(DayOfWeek.Saturday, TimeSpan.FromHours(10), TimeSpan.FromHours(24)),
            },
            cn.Hours.OrderBy(h => h.Day == DayOfWeek.Saturday).ToArray());
        Assert.Equal(new[] { new DateOnly(2027, 1, 1) }, cn.Holidays.ToArray());
        Assert.Equal(new DateTimeOffset(2027, 2, 4, 16, 0, 0, TimeSpan.Zero), Assert.Single(cn.Freezes).Start);
        Assert.Equal("cn", calendars.ByDepartment[Department.WarehouseLogistics]);
        Assert.Equal("cn", calendars.Select(null, "m-1", null).Id);
        Assert.Equal(BusinessCalendar.WallClockId, calendars.Select(null, "m-9", null).Id);
        Assert.Equal("cn", calendars.Select(null, "m-9", "eu").Id);
        Assert.Equal(BusinessCalendar.WallClockId, calendars.Select(null, "m-eu-1", "eu").Id);
    }

    [Fact]
    public void Load_NoCalendars_EveryClockWallClock()
    {
        var calendars = SiloSettings.Load(ConfigurationTests.Configuration([])).Policy.Calendars;

        Assert.Empty(calendars.Calendars);
        Assert.Null(calendars.For(ClockKind.Resolution, Domain.Severity.Normal, Department.Finance, "m-1", "eu", DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData("TicketCluster:Calendars:cn:TimeZone", "Mars/Olympus", "TicketCluster:Calendars:cn:TimeZone")]
    [InlineData("TicketCluster:Calendars:cn:Hours:Monday", "09:00-12:00,11:00-18:00", "TicketCluster:Calendars:cn:Hours:Monday")]
    [InlineData("TicketCluster:Calendars:cn:Hours:Monday", "9-5", "TicketCluster:Calendars:cn:Hours:Monday")]
    [InlineData("TicketCluster:Calendars:cn:Hours:Funday", "09:00-12:00", "TicketCluster:Calendars:cn:Hours:Funday")]
    [InlineData("TicketCluster:Calendars:cn:Holidays:0", "01/01/2027", "TicketCluster:Calendars:cn:Holidays:0")]
    [InlineData("TicketCluster:Calendars:cn:Freezes:0:From", "2027-02-05T00:00:00", "TicketCluster:Calendars:cn:Freezes:0:From")]
    [InlineData("TicketCluster:Calendars:cn:Freezes:0:To", "2027-02-01T00:00:00+08:00", "TicketCluster:Calendars:cn:Freezes:0")]
    [InlineData("TicketCluster:CalendarSelection:Merchants:m-1", "nowhere", "TicketCluster:CalendarSelection:Merchants:m-1")]
    [InlineData("TicketCluster:CalendarSelection:Marketplaces:eu", "nowhere", "TicketCluster:CalendarSelection:Marketplaces:eu")]
    [InlineData("TicketCluster:CalendarSelection:Departments:cooking", "cn", "TicketCluster:CalendarSelection:Departments:cooking")]
    public void Load_InvalidCalendar_NamesTheKey(string key, string value, string named)
    {
        var values = new Dictionary<string, string?>(Office) { [key] = value };

        var exception = Assert.Throws<SiloConfigurationException>(() => SiloSettings.Load(ConfigurationTests.Configuration(values)));

        Assert.Contains(exception.Errors, e => e.StartsWith(named, StringComparison.Ordinal));
    }
}
