using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TicketCluster.Domain.Sla;
using static TicketCluster.Domain.Tests.Calendars.TestCalendars;

namespace TicketCluster.Domain.Tests.Calendars;

/// <summary>
/// The two operations over random calendars (zones with and without DST, split hours, holidays, freezes)
/// and random instants and amounts: adding then measuring gives the amount back, both grow with their
/// argument, and the always-on calendar is plain time arithmetic.
/// </summary>
public sealed class BusinessCalendarProperties
{
    private static readonly string[] Zones = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"];

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Arbitrary<BusinessCalendar> CalendarArbitrary() =>
        (from zone in Gen.Elements(Zones)
         from days in Gen.SubListOf(Enum.GetValues<DayOfWeek>()).Where(d => d.Count > 0)
         from startHour in Gen.Choose(0, 11)
         from split in Gen.Choose(0, 3)
         from endHour in Gen.Choose(14, 24)
         from holidays in Gen.ListOf(Gen.Choose(0, 3 * 366).Select(d => DateOnly.FromDateTime(Epoch.AddDays(d).DateTime)))
         from freezes in Gen.ListOf(from at in Gen.Choose(0, 3 * 366 * 24) from hours in Gen.Choose(1, 24 * 20)
                                    select new CalendarFreeze(Epoch.AddHours(at), Epoch.AddHours(at + hours)))
         select new BusinessCalendar
         {
             Id = "random",
             TimeZone = zone,
             Hours = [.. days.SelectMany(d => split == 0
                 ? new[] { Period(d, startHour, endHour) }
                 : [Period(d, startHour, 12), Period(d, 12 + split / 2.0, endHour)])],
             Holidays = [.. holidays],
             Freezes = [.. freezes.Take(5)],
         }).ToArbitrary();

    public static Arbitrary<DateTimeOffset> InstantArbitrary() =>
        Gen.Choose(0, 3 * 366 * 24 * 60).Select(minutes => Epoch.AddMinutes(minutes).AddTicks(minutes * 7919L)).ToArbitrary();

    public static Arbitrary<TimeSpan> AmountArbitrary() =>
        Gen.Choose(0, 14 * 24 * 60).Select(minutes => TimeSpan.FromMinutes(minutes) + TimeSpan.FromTicks(minutes * 13L)).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(BusinessCalendarProperties)])]
    public void AddBusinessTime_ThenElapsed_GivesTheAmountBack(BusinessCalendar calendar, DateTimeOffset start, TimeSpan amount)
    {
        Assert.Empty(calendar.Validate());
        var due = calendar.AddBusinessTime(start, amount);

        Assert.Equal(amount, calendar.Elapsed(start, due));
        Assert.True(due >= start);
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(BusinessCalendarProperties)])]
    public void AddBusinessTime_NegativeAmount_ElapsedGivesItBack(BusinessCalendar calendar, DateTimeOffset start, TimeSpan amount)
    {
        var earlier = calendar.AddBusinessTime(start, -amount);

        Assert.Equal(-amount, calendar.Elapsed(start, earlier));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(BusinessCalendarProperties)])]
    public void AddBusinessTime_LargerAmount_NotEarlier(BusinessCalendar calendar, DateTimeOffset start, TimeSpan a, TimeSpan b)
    {
        var (small, large) = a <= b ? (a, b) : (b, a);

        Assert.True(calendar.AddBusinessTime(start, small) <= calendar.AddBusinessTime(start, large));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(BusinessCalendarProperties)])]
    public void Elapsed_LaterEnd_NotLessAndNeverMoreThanWallTime(BusinessCalendar calendar, DateTimeOffset start, TimeSpan a, TimeSpan b)
    {
        var (small, large) = a <= b ? (a, b) : (b, a);
        var near = calendar.Elapsed(start, start + small);
        var far = calendar.Elapsed(start, start + large);

        Assert.True(near <= far);
        Assert.True(far <= large);
        Assert.Equal(far, near + calendar.Elapsed(start + small, start + large));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(BusinessCalendarProperties)])]
    public void AlwaysOn_IsPlainTimeArithmetic(DateTimeOffset start, TimeSpan amount, bool negative)
    {
        var signed = negative ? -amount : amount;
        foreach (var calendar in new[] { BusinessCalendar.WallClock, BusinessCalendar.WallClockIn("Europe/Berlin") })
        {
            Assert.Equal(start + signed, calendar.AddBusinessTime(start, signed));
            Assert.Equal(signed, calendar.Elapsed(start, start + signed));
        }
    }
}
