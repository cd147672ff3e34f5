using TicketCluster.Domain.Sla;
using static TicketCluster.Domain.Tests.Calendars.TestCalendars;

namespace TicketCluster.Domain.Tests.Calendars;

public sealed class BusinessCalendarTests
{
    [Fact]
    public void Elapsed_WithinOneWorkingDay_CountsOnlyWorkingHours()
    {
        // 2026-12-02 is a Wednesday: 10:00-12:00 and 13:00-15:00 count, the lunch break does not.
        var elapsed = Office().Elapsed(Cst(2026, 12, 2, 10), Cst(2026, 12, 2, 15));

        Assert.Equal(TimeSpan.FromHours(4), elapsed);
    }

    [Fact]
    public void AddBusinessTime_FridayEvening_LandsOnMonday()
    {
        // Friday 2026-12-04 20:00: nothing counts until Monday 09:00; then 09:00-12:00 (3 h) and 13:00-14:00 (1 h).
        var due = Office().AddBusinessTime(Cst(2026, 12, 4, 20), TimeSpan.FromHours(4));

        Assert.Equal(Cst(2026, 12, 7, 14), due);
    }

    [Fact]
    public void AddBusinessTime_AmountEndsExactlyAtLunch_EarliestInstantIsNoon()
    {
        var due = Office().AddBusinessTime(Cst(2026, 12, 2, 9), TimeSpan.FromHours(3));

        Assert.Equal(Cst(2026, 12, 2, 12), due);
    }

    [Fact]
    public void AddBusinessTime_AcrossYearEndWithHoliday_SkipsWeekendAndNewYear()
    {
        // Thursday 2026-12-31 17:00, New Year's Day (Friday) a holiday: 1 h on Thursday, the next 7 h on Monday 2027-01-04.
        var calendar = Office() with { Holidays = [new DateOnly(2027, 1, 1)] };

        var due = calendar.AddBusinessTime(Cst(2026, 12, 31, 17), TimeSpan.FromHours(8));

        Assert.Equal(Cst(2027, 1, 4, 17), due);
        Assert.Equal(TimeSpan.FromHours(8), calendar.Elapsed(Cst(2026, 12, 31, 17), due));
    }

    [Fact]
    public void AddBusinessTime_FreezeOverlappingWeekend_PausesUntilFreezeEnds()
    {
        // Spring Festival pause from Thursday 2027-02-04 18:00 to Thursday 2027-02-11 12:00 (local), spanning a weekend.
        var calendar = Office() with { Freezes = [new CalendarFreeze(Cst(2027, 2, 4, 18), Cst(2027, 2, 11, 12))] };

        var due = calendar.AddBusinessTime(Cst(2027, 2, 4, 17), TimeSpan.FromHours(3));

        // 1 h on Thursday, none during the freeze or its weekend, 2 h from 13:00 on 2027-02-11.
        Assert.Equal(Cst(2027, 2, 11, 15), due);
        Assert.Equal(TimeSpan.FromHours(3), calendar.Elapsed(Cst(2027, 2, 4, 17), due));
    }

    [Fact]
    public void Elapsed_OverlappingFreezes_CountedOnce()
    {
        var calendar = Office() with
        {
            Freezes = [new CalendarFreeze(Cst(2026, 12, 2, 9), Cst(2026, 12, 2, 11)), new CalendarFreeze(Cst(2026, 12, 2, 10), Cst(2026, 12, 2, 14))],
        };

        Assert.Equal(TimeSpan.FromHours(4), calendar.Elapsed(Cst(2026, 12, 2, 0), Cst(2026, 12, 3, 0)));
    }

    [Fact]
    public void Elapsed_SpringForwardDay_SkippedHourNotCounted()
    {
        // Europe/Berlin moves 02:00 -> 03:00 on Sunday 2027-03-28; a 00:00-24:00 Sunday has 23 hours.
        var calendar = new BusinessCalendar { Id = "eu", TimeZone = "Europe/Berlin", Hours = [Period(DayOfWeek.Sunday, 0, 24)] };
        var midnight = new DateTimeOffset(2027, 3, 28, 0, 0, 0, TimeSpan.FromHours(1));
        var nextMidnight = new DateTimeOffset(2027, 3, 29, 0, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(23), calendar.Elapsed(midnight, nextMidnight));
        Assert.Equal(nextMidnight, calendar.AddBusinessTime(midnight, TimeSpan.FromHours(23)));
    }

    [Fact]
    public void Elapsed_FallBackDay_RepeatedHourCountedTwice()
    {
        // Europe/Berlin moves 03:00 -> 02:00 on Sunday 2026-10-25: 01:00-04:00 local is four hours of real time.
        var calendar = new BusinessCalendar { Id = "eu", TimeZone = "Europe/Berlin", Hours = [Period(DayOfWeek.Sunday, 1, 4)] };
        var day = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(4), calendar.Elapsed(day, day.AddDays(1)));
    }

    [Fact]
    public void AddBusinessTime_WorkingHoursAfterDstChange_KeepLocalNineOClock()
    {
        // New York: Friday 2026-10-30 17:00 EDT (-4) + 2 h of 09:00-17:00 weekdays ends Monday 2026-11-02 11:00 EST (-5).
        var calendar = Office("America/New_York", "us") with { Hours = [.. Weekdays.Select(d => Period(d, 9, 17))] };

        var due = calendar.AddBusinessTime(new DateTimeOffset(2026, 10, 30, 16, 0, 0, TimeSpan.FromHours(-4)), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(-5)), due);
        Assert.Equal(TimeSpan.FromHours(-5), calendar.ToLocal(due).Offset);
    }

    [Fact]
    public void AddBusinessTime_NegativeAmount_WalksBackOverClosedHours()
    {
        var calendar = Office();

        var earlier = calendar.AddBusinessTime(Cst(2026, 12, 7, 10), TimeSpan.FromHours(-2));

        Assert.Equal(Cst(2026, 12, 4, 17), earlier);
        Assert.Equal(TimeSpan.FromHours(-2), calendar.Elapsed(Cst(2026, 12, 7, 10), earlier));
    }

    [Fact]
    public void WallClock_CountsEveryInstant()
    {
        var start = Cst(2026, 12, 4, 20);

        Assert.Equal(start.AddHours(30), BusinessCalendar.WallClock.AddBusinessTime(start, TimeSpan.FromHours(30)));
        Assert.Equal(TimeSpan.FromHours(30), BusinessCalendar.WallClockIn("Asia/Shanghai").Elapsed(start, start.AddHours(30)));
    }

    [Fact]
    public void ToLocal_CalendarZone_CarriesZoneOffset()
    {
        var local = Office().ToLocal(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, Shanghai), local);
        Assert.Equal(Shanghai, local.Offset);
    }

    [Fact]
    public void Since_DropsPastHolidaysAndFreezes()
    {
        var calendar = Office() with
        {
            Holidays = [new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1)],
            Freezes = [new CalendarFreeze(Cst(2026, 1, 1, 0), Cst(2026, 1, 2, 0)), new CalendarFreeze(Cst(2027, 2, 4, 18), Cst(2027, 2, 11, 12))],
        };

        var trimmed = calendar.Since(Cst(2026, 12, 2, 9));

        Assert.Equal(new[] { new DateOnly(2027, 1, 1) }, trimmed.Holidays.ToArray());
        Assert.Equal(new[] { new CalendarFreeze(Cst(2027, 2, 4, 18), Cst(2027, 2, 11, 12)) }, trimmed.Freezes.ToArray());
    }

    [Fact]
    public void Validate_BadZoneOverlapEmptyAndLongFreeze_EachNamed()
    {
        var overlapping = Office("Mars/Olympus") with
        {
            Hours = [Period(DayOfWeek.Monday, 9, 12), Period(DayOfWeek.Monday, 11, 18), Period(DayOfWeek.Tuesday, 18, 9)],
            Freezes = [new CalendarFreeze(Cst(2027, 1, 1, 0), Cst(2027, 6, 1, 0))],
        };

        var errors = overlapping.Validate();

        Assert.Contains(errors, e => e.StartsWith("TimeZone: 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "Hours:Monday: 09:00-12:00 overlaps 11:00-18:00.");
        Assert.Contains(errors, e => e.StartsWith("Hours:Tuesday: 18:00-09:00", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Freezes:0:", StringComparison.Ordinal));
        Assert.Contains((Office() with { Hours = [] }).Validate(), e => e.StartsWith("Hours:", StringComparison.Ordinal));
        Assert.Empty(Office().Validate());
    }

    [Fact]
    public void AddBusinessTime_CalendarThatNeverCounts_Throws()
    {
        var never = Office() with { Hours = [] };

        Assert.Throws<InvalidOperationException>(() => never.AddBusinessTime(Cst(2026, 12, 2, 9), TimeSpan.FromHours(1)));
    }
}
