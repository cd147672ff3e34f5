namespace TicketCluster.LoadGen.Measurement;

/// <summary>
/// A latency histogram in microseconds with logarithmic buckets, after HdrHistogram: values below
/// 2^<see cref="SubBucketBits"/> have a bucket each (exact); above, every power of two is split into
/// 2^(<see cref="SubBucketBits"/> − 1) equal buckets, so a bucket is at most 1/2^(bits − 1) of its lower
/// bound wide. A percentile is reported as its bucket's highest value (never below the true value, and at
/// most that relative error above it), capped by the exact maximum. Recording is lock-free and may run on
/// many threads; reading while recording gives a snapshot that is consistent enough for live display.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>8 bits: at most 1/128 (0.78 %) relative error.</summary>
    public const int SubBucketBits = 8;

    private const int SubBucketCount = 1 << SubBucketBits;
    private const int HalfCount = SubBucketCount / 2;

    private readonly long[] _counts = new long[SubBucketCount + ((64 - SubBucketBits) * HalfCount)];
    private long _total;
    private long _max;
    private long _min = long.MaxValue;

    public long Count => Interlocked.Read(ref _total);

    /// <summary>The largest value recorded, exactly; 0 when empty.</summary>
    public long Max => Interlocked.Read(ref _max);

    /// <summary>The smallest value recorded, exactly; 0 when empty.</summary>
    public long Min => Count == 0 ? 0 : Interlocked.Read(ref _min);

    public void Record(TimeSpan latency) => Record(Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond));

    /// <summary>Records <paramref name="microseconds"/> (negative values count as 0).</summary>
    public void Record(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _total);
        UpdateMax(value);
        UpdateMin(value);
    }

    /// <summary>The value at <paramref name="percentile"/> (0 to 100]: the highest value of the bucket
    /// holding the rank ⌈p/100 × count⌉, capped by <see cref="Max"/>; 0 when empty.</summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    /// <summary>The bucket of <paramref name="value"/>.</summary>
    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        var msb = 63 - (int)long.LeadingZeroCount(value);
        var shift = msb - SubBucketBits + 1;
        var top = value >> shift;
        return SubBucketCount + ((shift - 1) * HalfCount) + (int)(top - HalfCount);
    }

    /// <summary>The lowest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long LowestEquivalent(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        var shift = ((index - SubBucketCount) / HalfCount) + 1;
        var top = ((index - SubBucketCount) % HalfCount) + HalfCount;
        return (long)top << shift;
    }

    /// <summary>The highest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long HighestEquivalent(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        var shift = ((index - SubBucketCount) / HalfCount) + 1;
        var next = LowestEquivalent(index) + (1L << shift) - 1;
        return next < 0 ? long.MaxValue : next;
    }

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Interlocked.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
