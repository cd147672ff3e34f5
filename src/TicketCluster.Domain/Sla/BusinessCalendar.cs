using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Sla;

/// <summary>Working hours of one weekday, local time of the calendar's zone: <c>[Start, End)</c> with
/// <c>0 ≤ Start &lt; End ≤ 24:00</c>. A day may have several (09:00–12:00 and 13:00–18:00).</summary>
public readonly record struct WorkingPeriod(
    [property: JsonConverter(typeof(KebabCaseEnumConverter<DayOfWeek>))] DayOfWeek Day, TimeSpan Start, TimeSpan End);

/// <summary>A stretch of time during which a calendar does not count (a peak-season pause such as the
/// Spring Festival): the instants <c>[Start, End)</c>.</summary>
public readonly record struct CalendarFreeze(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The time an SLA clock counts: the instants whose local time, in <see cref="TimeZone"/> (an IANA id),
/// falls in a <see cref="WorkingPeriod"/> of its local weekday, on a date that is not one of the
/// <see cref="Holidays"/>, outside every <see cref="Freezes"/> range. An <see cref="AlwaysOn"/> calendar
/// counts every instant: that is wall-clock time (<see cref="WallClock"/>), whatever its zone, which then
/// only says how deadlines are shown. docs/domain.md, "Business calendars".
/// </summary>
public sealed partial record BusinessCalendar
{
    /// <summary>The id of the always-on calendar.</summary>
    public const string WallClockId = "wall-clock";

    /// <summary>Longest freeze a calendar may have; bounds how far a deadline search walks.</summary>
    public static readonly TimeSpan MaxFreeze = TimeSpan.FromDays(90);

    public const int MaxHolidays = 1000;

    public const int MaxFreezes = 100;

    public required string Id { get; init; }

    /// <summary>An IANA time zone id (<c>Asia/Shanghai</c>); the local time of working hours and holidays.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Counts every instant; hours, holidays and freezes do not apply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AlwaysOn { get; init; }

    public ImmutableArray<WorkingPeriod> Hours { get; init; } = [];

    /// <summary>Local dates on which the calendar does not count at all.</summary>
    public ImmutableArray<DateOnly> Holidays { get; init; } = [];

    public ImmutableArray<CalendarFreeze> Freezes { get; init; } = [];

    /// <summary>Wall-clock time in UTC: what a clock counts without a calendar.</summary>
    public static BusinessCalendar WallClock { get; } = new() { Id = WallClockId, AlwaysOn = true };

    /// <summary>Wall-clock time, with deadlines shown in <paramref name="timeZone"/>.</summary>
    public static BusinessCalendar WallClockIn(string timeZone) => WallClock with { TimeZone = timeZone };

    /// <summary>The same calendar without the holidays and freezes that end before <paramref name="at"/>:
    /// what a clock starting then needs to keep.</summary>
    public BusinessCalendar Since(DateTimeOffset at)
    {
        var firstDate = DateOnly.FromDateTime(ToLocal(at).DateTime).AddDays(-1);
        return this with
        {
            Holidays = [.. Holidays.Where(d => d >= firstDate)],
            Freezes = [.. Freezes.Where(f => f.End > at)],
        };
    }

    /// <summary><paramref name="at"/> as the calendar's local time, with that zone's offset; in UTC when the
    /// zone is unknown on this machine.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset at) => TryFindZone(TimeZone) is { } zone ? TimeZoneInfo.ConvertTime(at, zone) : at.ToUniversalTime();

    /// <summary>What is wrong with the calendar, each message starting with the setting it is about
    /// (<c>TimeZone</c>, <c>Hours:Monday</c>, <c>Freezes:0</c>); empty when it can count.</summary>
    public ImmutableArray<string> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (TryFindZone(TimeZone) is null)
        {
            errors.Add($"{nameof(TimeZone)}: '{TimeZone}' is not a known IANA time zone.");
        }

        if (AlwaysOn)
        {
            return errors.ToImmutable();
        }

        if (Hours.IsDefaultOrEmpty)
        {
            errors.Add($"{nameof(Hours)}: a calendar needs working hours on at least one weekday.");
        }

        foreach (var day in Hours.IsDefault ? [] : Hours.GroupBy(h => h.Day))
        {
            var periods = day.OrderBy(p => p.Start).ToList();
            foreach (var p in periods.Where(p => p.Start < TimeSpan.Zero || p.End > TimeSpan.FromDays(1) || p.Start >= p.End))
            {
                errors.Add($"{nameof(Hours)}:{day.Key}: {Format(p)} is not a range within 00:00-24:00.");
            }

            foreach (var (earlier, later) in periods.Zip(periods.Skip(1)).Where(pair => pair.Second.Start < pair.First.End))
            {
                errors.Add($"{nameof(Hours)}:{day.Key}: {Format(earlier)} overlaps {Format(later)}.");
            }
        }

        if (Holidays.Length > MaxHolidays)
        {
            errors.Add($"{nameof(Holidays)}: at most {MaxHolidays} dates.");
        }

        if (Freezes.Length > MaxFreezes)
        {
            errors.Add($"{nameof(Freezes)}: at most {MaxFreezes} ranges.");
        }

        for (var i = 0; i < Freezes.Length; i++)
        {
            var f = Freezes[i];
            if (f.End <= f.Start || f.End - f.Start > MaxFreeze)
            {
                errors.Add($"{nameof(Freezes)}:{i}: must end after it starts, at most {MaxFreeze.TotalDays} days later.");
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>Whether <paramref name="id"/> can name a calendar: 1–64 letters, digits, '.', '_', '-'.</summary>
    public static bool IsValidId(string id) =>
        id is { Length: > 0 and <= 64 } && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-');

    public bool Equals(BusinessCalendar? other) =>
        other is not null
        && Id == other.Id
        && TimeZone == other.TimeZone
        && AlwaysOn == other.AlwaysOn
        && Hours.AsSpan().SequenceEqual(other.Hours.AsSpan())
        && Holidays.AsSpan().SequenceEqual(other.Holidays.AsSpan())
        && Freezes.AsSpan().SequenceEqual(other.Freezes.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Id, TimeZone, AlwaysOn, Hours.Length, Holidays.Length, Freezes.Length);

    internal static TimeZoneInfo? TryFindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }

    private static string Format(WorkingPeriod p) => $"{Clock(p.Start)}-{Clock(p.End)}";

    private static string Clock(TimeSpan t) => $"{(int)t.TotalHours:00}:{t.Minutes:00}";
}
