using TicketCluster.Grains.Reports;

namespace TicketCluster.Grains.Tests.Reports;

public sealed class PercentilesTests
{
    private static List<TimeSpan> Minutes(params int[] values) => [.. values.Select(v => TimeSpan.FromMinutes(v))];

    [Theory]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(91, 10)]
    [InlineData(100, 10)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void NearestRank_OneToTen_SmallestValueWithThatShareAtOrBelow(int percent, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), Percentiles.NearestRank(Minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), percent));
    }

    [Fact]
    public void NearestRank_EvenCount_MedianIsLowerMiddle()
    {
        Assert.Equal(TimeSpan.FromMinutes(20), Percentiles.NearestRank(Minutes(10, 20, 30, 40), 50));
    }

    [Fact]
    public void NearestRank_OneValue_ThatValueForEveryPercent()
    {
        Assert.Equal(TimeSpan.FromMinutes(7), Percentiles.NearestRank(Minutes(7), 50));
        Assert.Equal(TimeSpan.FromMinutes(7), Percentiles.NearestRank(Minutes(7), 90));
    }

    [Fact]
    public void NearestRank_ThirtyValues_P90IsTheTwentySeventh()
    {
        Assert.Equal(TimeSpan.FromMinutes(27), Percentiles.NearestRank(Minutes([.. Enumerable.Range(1, 30)]), 90));
    }

    [Fact]
    public void NearestRank_NoValues_Null()
    {
        Assert.Null(Percentiles.NearestRank([], 50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void NearestRank_PercentOutOfRange_Throws(int percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(Minutes(1), percent));
    }
}
