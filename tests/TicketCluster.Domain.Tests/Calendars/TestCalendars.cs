using System.Collections.Immutable;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tests.Calendars;

/// <summary>Calendars the tests count on.</summary>
internal static class TestCalendars
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>Monday to Friday 09:00–12:00 and 13:00–18:00 in <paramref name="zone"/>.</summary>
    public static BusinessCalendar Office(string zone = "Asia/Shanghai", string id = "cn-office") => new()
    {
        Id = id,
        TimeZone = zone,
        Hours = [.. Weekdays.SelectMany(d => new[] { Period(d, 9, 12), Period(d, 13, 18) })],
    };

    public static ImmutableArray<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static WorkingPeriod Period(DayOfWeek day, double from, double to) =>
        new(day, TimeSpan.FromHours(from), TimeSpan.FromHours(to));

    /// <summary>A local time in Shanghai (UTC+8, no DST).</summary>
    public static DateTimeOffset Cst(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Shanghai);
}
