using TicketCluster.LoadGen.Measurement;

namespace TicketCluster.LoadGen.Tests.Measurement;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void ValueAtPercentile_SmallValues_Exact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(100, histogram.Count);
        Assert.Equal(50, histogram.ValueAtPercentile(50));
        Assert.Equal(90, histogram.ValueAtPercentile(90));
        Assert.Equal(99, histogram.ValueAtPercentile(99));
        Assert.Equal(100, histogram.ValueAtPercentile(99.9));
        Assert.Equal(100, histogram.ValueAtPercentile(100));
        Assert.Equal(1, histogram.Min);
        Assert.Equal(100, histogram.Max);
    }

    [Fact]
    public void ValueAtPercentile_Empty_Zero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Max);
        Assert.Equal(0, histogram.Min);
    }

    [Fact]
    public void ValueAtPercentile_LargeValue_BucketTopCappedByTheExactMax()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_003);

        Assert.Equal(1_000_003, histogram.ValueAtPercentile(50));
        Assert.Equal(1_000_003, histogram.Max);
    }

    [Fact]
    public void ValueAtPercentile_TwoClusters_ReportsTheUpperBucketTopForTheTail()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 99; i++)
        {
            histogram.Record(1000);
        }

        histogram.Record(TimeSpan.FromSeconds(2));

        // 1000 µs: bucket [1000, 1003] (width 4 above 512); the tail value is the exact max.
        Assert.Equal(1003, histogram.ValueAtPercentile(50));
        Assert.Equal(1003, histogram.ValueAtPercentile(99));
        Assert.Equal(2_000_000, histogram.ValueAtPercentile(99.9));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void IndexOf_AnyValue_InsideItsBucketWithBoundedRelativeError(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 10_000; n++)
        {
            var value = random.NextInt64(0, long.MaxValue >> random.Next(0, 60));
            var index = LatencyHistogram.IndexOf(value);
            var (low, high) = (LatencyHistogram.LowestEquivalent(index), LatencyHistogram.HighestEquivalent(index));

            Assert.InRange(value, low, high);
            Assert.True(high - low <= Math.Max(0, low / 128), $"bucket [{low}, {high}] of {value} is wider than 1/128 of its lower bound");
        }
    }

    [Fact]
    public void Buckets_Contiguous_EachStartsWhereThePreviousEnds()
    {
        for (var index = 0; index < 256 + (20 * 128); index++)
        {
            Assert.Equal(LatencyHistogram.HighestEquivalent(index) + 1, LatencyHistogram.LowestEquivalent(index + 1));
            Assert.Equal(index, LatencyHistogram.IndexOf(LatencyHistogram.LowestEquivalent(index)));
        }
    }

    [Fact]
    public async Task Record_ManyThreads_CountsEveryValue()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var v = 0; v < 10_000; v++)
            {
                histogram.Record(v);
            }
        })));

        Assert.Equal(40_000, histogram.Count);
        Assert.Equal(9_999, histogram.Max);
    }
}
