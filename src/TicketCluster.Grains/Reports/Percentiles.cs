namespace TicketCluster.Grains.Reports;

/// <summary>Exact percentiles of a finite set of durations.</summary>
public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile: the smallest value such that at least <paramref name="percent"/> %
    /// of the values are at or below it, that is the value at rank ⌈percent × n / 100⌉ (1-based) of the
    /// sorted values. Always an observed value, never an interpolation; the median of an even count is
    /// the lower of the two middle values. Computed in integers, so no rounding can move the rank.
    /// </summary>
    /// <param name="sorted">The values in ascending order.</param>
    /// <returns>Null when there are no values.</returns>
    public static TimeSpan? NearestRank(IReadOnlyList<TimeSpan> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)(((long)percent * sorted.Count + 99) / 100);
        return sorted[rank - 1];
    }
}
