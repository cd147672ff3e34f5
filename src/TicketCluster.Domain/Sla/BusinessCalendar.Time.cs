namespace TicketCluster.Domain.Sla;

// The two operations a clock needs: business time between two instants, and the instant at which an amount
// of business time has passed. Both walk the calendar's counting intervals a UTC day at a time; inside a
// day, each stretch of constant UTC offset maps local working hours to instants by plain arithmetic, so a
// DST change splits the day where the zone changes offset (the hour skipped in spring does not exist and
// is not counted; the hour repeated in autumn is counted twice, being two hours of real time).
public sealed partial record BusinessCalendar
{
    /// <summary>How far a deadline search walks before it decides the calendar never counts (a calendar
    /// that passed <see cref="Validate"/> always counts well within it).</summary>
    private static readonly TimeSpan SearchLimit = TimeSpan.FromDays(366 * 20);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The business time between <paramref name="from"/> and <paramref name="to"/>; negative when
    /// <paramref name="to"/> is earlier. On an <see cref="AlwaysOn"/> calendar exactly <c>to - from</c>.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (AlwaysOn)
        {
            return to - from;
        }

        if (to < from)
        {
            return -Elapsed(to, from);
        }

        var total = TimeSpan.Zero;
        foreach (var (start, end) in Counting(from, to, forward: true))
        {
            total += end - start;
        }

        return total;
    }

    /// <summary>The earliest instant at which <paramref name="amount"/> of business time has passed since
    /// <paramref name="start"/>, so that <c>Elapsed(start, AddBusinessTime(start, amount)) == amount</c>; a
    /// negative amount walks back to the latest such instant before <paramref name="start"/>. On an
    /// <see cref="AlwaysOn"/> calendar exactly <c>start + amount</c>.</summary>
    /// <exception cref="InvalidOperationException">The calendar does not count for twenty years (it did not
    /// pass <see cref="Validate"/>).</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan amount)
    {
        if (AlwaysOn || amount == TimeSpan.Zero)
        {
            return start + amount;
        }

        var forward = amount > TimeSpan.Zero;
        var remaining = amount.Duration();
        var limit = forward ? Clamp(start, SearchLimit) : Clamp(start, -SearchLimit);
        foreach (var (from, to) in Counting(start, limit, forward))
        {
            var length = to - from;
            if (remaining <= length)
            {
                return forward ? from + remaining : to - remaining;
            }

            remaining -= length;
        }

        throw new InvalidOperationException($"Calendar {Id} does not count within {SearchLimit.TotalDays} days of {start:O}.");
    }

    /// <summary>The counting intervals between <paramref name="from"/> and <paramref name="limit"/> (later
    /// when walking forward, earlier when walking back), clipped to that range, in walking order.</summary>
    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Counting(DateTimeOffset from, DateTimeOffset limit, bool forward)
    {
        var zone = TryFindZone(TimeZone) ?? throw new InvalidOperationException($"Calendar {Id}: time zone '{TimeZone}' is not known.");
        var week = new Walk(
            zone,
            MergedFreezes(),
            [.. Enum.GetValues<DayOfWeek>().Select(day => Hours.Where(h => h.Day == day).OrderBy(h => h.Start).ToArray())],
            [.. Holidays]);
        var cursor = from;
        while (forward ? cursor < limit : cursor > limit)
        {
            var next = forward ? Min(Clamp(cursor, Day), limit) : Max(Clamp(cursor, -Day), limit);
            var day = forward ? IntervalsIn(week, cursor, next) : IntervalsIn(week, next, cursor);
            if (!forward)
            {
                day.Reverse();
            }

            foreach (var interval in day)
            {
                yield return interval;
            }

            cursor = next;
        }
    }

    /// <summary>The counting intervals inside <c>[from, to)</c>, in order.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> IntervalsIn(Walk week, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var (segmentStart, segmentEnd, offset) in OffsetSegments(week.Zone, from, to))
        {
            var localStart = segmentStart.UtcTicks + offset.Ticks;
            var localEnd = segmentEnd.UtcTicks + offset.Ticks;
            for (var date = localStart - (localStart % TimeSpan.TicksPerDay); date < localEnd; date += TimeSpan.TicksPerDay)
            {
                var local = new DateTime(date, DateTimeKind.Unspecified);
                if (week.Holidays.Contains(DateOnly.FromDateTime(local)))
                {
                    continue;
                }

                foreach (var period in week.Hours[(int)local.DayOfWeek])
                {
                    var start = Math.Max(date + period.Start.Ticks, localStart);
                    var end = Math.Min(date + period.End.Ticks, localEnd);
                    if (start < end)
                    {
                        Unfrozen(week.Freezes, Utc(start - offset.Ticks), Utc(end - offset.Ticks), result);
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Splits <c>[from, to)</c> (at most a day) where the zone's UTC offset changes. One change per
    /// day at most is assumed: no zone changes its offset twice within a day.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To, TimeSpan Offset)> OffsetSegments(
        TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        while (from < to)
        {
            var offset = zone.GetUtcOffset(from);
            var last = to.UtcTicks - 1;
            if (zone.GetUtcOffset(Utc(last)) == offset)
            {
                yield return (from, to, offset);
                yield break;
            }

            // Bisect to the first tick with the new offset.
            long low = from.UtcTicks, high = last;
            while (high - low > 1)
            {
                var middle = low + ((high - low) / 2);
                if (zone.GetUtcOffset(Utc(middle)) == offset)
                {
                    low = middle;
                }
                else
                {
                    high = middle;
                }
            }

            yield return (from, Utc(high), offset);
            from = Utc(high);
        }
    }

    /// <summary>Adds the parts of <c>[from, to)</c> outside every freeze.</summary>
    private static void Unfrozen(List<CalendarFreeze> freezes, DateTimeOffset from, DateTimeOffset to, List<(DateTimeOffset, DateTimeOffset)> result)
    {
        var cursor = from;
        foreach (var freeze in freezes)
        {
            if (freeze.End <= cursor || freeze.Start >= to)
            {
                continue;
            }

            if (freeze.Start > cursor)
            {
                result.Add((cursor, freeze.Start));
            }

            cursor = Max(cursor, freeze.End);
        }

        if (cursor < to)
        {
            result.Add((cursor, to));
        }
    }

    /// <summary>The freezes in order, overlapping ones joined.</summary>
    private List<CalendarFreeze> MergedFreezes()
    {
        var merged = new List<CalendarFreeze>();
        foreach (var freeze in Freezes.Where(f => f.End > f.Start).OrderBy(f => f.Start))
        {
            if (merged.Count > 0 && freeze.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Max(merged[^1].End, freeze.End) };
            }
            else
            {
                merged.Add(freeze);
            }
        }

        return merged;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>The calendar arranged for one walk: the zone resolved, freezes merged, hours per weekday
    /// (indexed by <see cref="DayOfWeek"/>) in order, holidays hashed.</summary>
    private sealed record Walk(TimeZoneInfo Zone, List<CalendarFreeze> Freezes, WorkingPeriod[][] Hours, HashSet<DateOnly> Holidays);

    private static DateTimeOffset Clamp(DateTimeOffset at, TimeSpan by) =>
        by > TimeSpan.Zero
            ? (DateTimeOffset.MaxValue - at < by ? DateTimeOffset.MaxValue : at + by)
            : (at - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue : at + by);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
