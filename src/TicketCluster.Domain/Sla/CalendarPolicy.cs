using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Domain.Sla;

/// <summary>
/// The business calendars of a node and which one a clock counts on: the calendar of the ticket's
/// department, else of the order's merchant, else of the order's marketplace, else <see cref="Default"/>,
/// else wall-clock. Only clocks
/// <see cref="ClockRules.CountsBusinessTime"/> allows use it; the others count wall-clock time, shown in
/// the selected calendar's zone. The choice is made when a clock starts and copied into its event, so a
/// configuration change never moves a running deadline (docs/domain.md, "Business calendars").
/// </summary>
public sealed record CalendarPolicy
{
    public ImmutableDictionary<string, BusinessCalendar> Calendars { get; init; } =
        ImmutableDictionary.Create<string, BusinessCalendar>(StringComparer.Ordinal);

    /// <summary>Calendar id per department (checked first: known once the ticket is assigned).</summary>
    public ImmutableDictionary<Department, string> ByDepartment { get; init; } = ImmutableDictionary<Department, string>.Empty;

    /// <summary>Calendar id per merchant id (the marketplace seller the order is from).</summary>
    public ImmutableDictionary<string, string> ByMerchant { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Calendar id per marketplace (<see cref="OrderInfo.Marketplace"/>: <c>cn</c>, <c>eu</c>, ...), for
    /// the sellers of a region without a calendar of their own.</summary>
    public ImmutableDictionary<string, string> ByMarketplace { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Calendar id when neither the department, the merchant nor the marketplace has one; null: wall-clock.</summary>
    public string? Default { get; init; }

    /// <summary>No calendars: every clock counts wall-clock time, as before calendars existed.</summary>
    public static CalendarPolicy WallClockOnly { get; } = new();

    /// <summary>The calendar selected for a ticket of <paramref name="department"/> about an order of
    /// <paramref name="merchantId"/> on <paramref name="marketplace"/>.</summary>
    public BusinessCalendar Select(Department? department, string merchantId, string? marketplace)
    {
        var id = (department is { } d ? ByDepartment.GetValueOrDefault(d) : null)
            ?? ByMerchant.GetValueOrDefault(merchantId)
            ?? (marketplace is null ? null : ByMarketplace.GetValueOrDefault(marketplace))
            ?? Default;
        return id is not null && Calendars.TryGetValue(id, out var calendar) ? calendar : BusinessCalendar.WallClock;
    }

    /// <summary>What a clock of <paramref name="kind"/> starting at <paramref name="at"/> counts on: null for
    /// wall-clock time in UTC (what a clock without a calendar counts), else a snapshot of the calendar with
    /// the holidays and freezes still ahead.</summary>
    public BusinessCalendar? For(ClockKind kind, Severity severity, Department? department, string merchantId, string? marketplace, DateTimeOffset at)
    {
        var selected = Select(department, merchantId, marketplace);
        var calendar = selected.AlwaysOn || ClockRules.CountsBusinessTime(kind, severity)
            ? selected
            : BusinessCalendar.WallClockIn(selected.TimeZone);
        return calendar.Equals(BusinessCalendar.WallClock) ? null : calendar.Since(at);
    }

    /// <summary>Configuration errors: each calendar's own (prefixed with <c>{calendarsKey}:{id}:</c>), ids
    /// that cannot name a calendar, and selections naming a calendar that does not exist.</summary>
    public IEnumerable<string> Validate(string calendarsKey, string selectionKey)
    {
        foreach (var (id, calendar) in Calendars.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (!BusinessCalendar.IsValidId(id) || id == BusinessCalendar.WallClockId)
            {
                yield return $"{calendarsKey}:{id}: a calendar id is 1-64 letters, digits, '.', '_' or '-', and not '{BusinessCalendar.WallClockId}'.";
            }

            foreach (var error in calendar.Validate())
            {
                yield return $"{calendarsKey}:{id}:{error}";
            }
        }

        var selections = ByDepartment.Select(d => ($"Departments:{d.Key}", d.Value))
            .Concat(ByMerchant.Select(m => ($"Merchants:{m.Key}", m.Value)))
            .Concat(ByMarketplace.Select(m => ($"Marketplaces:{m.Key}", m.Value)))
            .Concat(Default is null ? [] : [(nameof(Default), Default)]);
        foreach (var (key, id) in selections)
        {
            if (id != BusinessCalendar.WallClockId && !Calendars.ContainsKey(id))
            {
                yield return $"{selectionKey}:{key}: no calendar '{id}' is configured under {calendarsKey}.";
            }
        }
    }
}
