using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Configuration;

// Business calendars (TicketCluster:Calendars:{id}) and which one a clock counts on
// (TicketCluster:CalendarSelection). docs/silo.md, "Business calendars".
internal static partial class SettingsBinder
{
    /// <summary>The section of the calendars, one child per calendar id.</summary>
    public const string CalendarsSection = "Calendars";

    /// <summary>The section of the selection rules: <c>Departments:{department}</c>, <c>Merchants:{merchantId}</c>, <c>Marketplaces:{marketplace}</c>, <c>Default</c>.</summary>
    public const string CalendarSelectionSection = "CalendarSelection";

    private static CalendarPolicy BindCalendars(IConfigurationSection root, SectionReader reader)
    {
        var section = root.GetSection(CalendarsSection);
        reader.Map(section);
        var calendars = ImmutableDictionary.CreateBuilder<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var child in section.GetChildren())
        {
            calendars[child.Key] = BindCalendar(child, reader);
        }

        var selection = root.GetSection(CalendarSelectionSection);
        var departments = selection.GetSection("Departments");
        var merchants = selection.GetSection("Merchants");
        var marketplaces = selection.GetSection("Marketplaces");
        reader.Map(departments);
        reader.Map(merchants);
        reader.Map(marketplaces);
        var byDepartment = ImmutableDictionary.CreateBuilder<Department, string>();
        foreach (var department in departments.GetChildren().Where(d => d.Value is not null))
        {
            byDepartment[reader.ParseEnum(department.Key, department.Path, Department.CustomerService)] = department.Value!;
        }

        return new CalendarPolicy
        {
            Calendars = calendars.ToImmutable(),
            ByDepartment = byDepartment.ToImmutable(),
            ByMerchant = Selections(merchants),
            ByMarketplace = Selections(marketplaces),
            Default = reader.Text(selection, nameof(CalendarPolicy.Default)),
        };
    }

    /// <summary>Key → calendar id of one selection section (<c>Merchants</c>, <c>Marketplaces</c>).</summary>
    private static ImmutableDictionary<string, string> Selections(IConfigurationSection section) =>
        section.GetChildren()
            .Where(m => m.Value is not null)
            .ToImmutableDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal);

    /// <summary>One calendar: <c>TimeZone</c>, <c>Hours:{Monday..Sunday}</c> as <c>09:00-12:00,13:00-18:00</c>,
    /// <c>Holidays:{n}</c> as <c>yyyy-MM-dd</c>, <c>Freezes:{n}:From</c> and <c>:To</c> as times with an offset.</summary>
    private static BusinessCalendar BindCalendar(IConfigurationSection section, SectionReader reader)
    {
        var hours = new List<WorkingPeriod>();
        foreach (var day in section.GetSection(nameof(BusinessCalendar.Hours)).GetChildren())
        {
            var weekday = reader.ParseEnum(day.Key, day.Path, DayOfWeek.Monday);
            foreach (var range in (day.Value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ParseRange(range) is { } period)
                {
                    hours.Add(new WorkingPeriod(weekday, period.Start, period.End));
                }
                else
                {
                    reader.Fail(day.Path, $"'{range}' is not a range of hours such as 09:00-18:00 (up to 24:00).");
                }
            }
        }

        var holidays = new List<DateOnly>();
        foreach (var holiday in section.GetSection(nameof(BusinessCalendar.Holidays)).GetChildren())
        {
            if (DateOnly.TryParseExact(holiday.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                reader.Fail(holiday.Path, $"'{holiday.Value}' is not a date such as 2027-01-01.");
            }
        }

        var freezes = new List<CalendarFreeze>();
        foreach (var freeze in section.GetSection(nameof(BusinessCalendar.Freezes)).GetChildren())
        {
            var from = ReadInstant(freeze, "From", reader);
            var to = ReadInstant(freeze, "To", reader);
            if (from is { } start && to is { } end)
            {
                freezes.Add(new CalendarFreeze(start, end));
            }
        }

        return new BusinessCalendar
        {
            Id = section.Key,
            TimeZone = section[nameof(BusinessCalendar.TimeZone)] ?? "",
            Hours = [.. hours],
            Holidays = [.. holidays],
            Freezes = [.. freezes],
        };
    }

    /// <summary><c>H:MM-H:MM</c>, hours 0–24.</summary>
    private static (TimeSpan Start, TimeSpan End)? ParseRange(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && ParseTimeOfDay(parts[0]) is { } start && ParseTimeOfDay(parts[1]) is { } end ? (start, end) : null;

        static TimeSpan? ParseTimeOfDay(string time)
        {
            var hm = time.Split(':');
            return hm.Length == 2
                && int.TryParse(hm[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                && int.TryParse(hm[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
                && hm[1].Length == 2 && h <= 24 && m < 60 && (h < 24 || m == 0)
                ? new TimeSpan(h, m, 0)
                : null;
        }
    }

    /// <summary>A time with an offset (<c>Z</c> or <c>±hh:mm</c>): without one it would be read in the node's zone.</summary>
    private static DateTimeOffset? ReadInstant(IConfigurationSection section, string key, SectionReader reader)
    {
        var raw = section[key];
        var hasOffset = raw is not null && (raw.EndsWith('Z') || raw.EndsWith('z') || (raw.Length > 6 && raw[^6] is '+' or '-' && raw[^3] == ':'));
        if (hasOffset && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        reader.Fail($"{section.Path}:{key}", $"'{raw}' is not a time with an offset such as 2027-02-05T00:00:00+08:00.");
        return null;
    }
}
