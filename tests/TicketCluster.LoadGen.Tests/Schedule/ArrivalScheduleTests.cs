using TicketCluster.LoadGen.Schedule;

namespace TicketCluster.LoadGen.Tests.Schedule;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void IntendedTimes_Constant_EvenlySpacedAtTheRate()
    {
        var times = ArrivalSchedule.IntendedTimes(LoadProfile.Constant, 4, TimeSpan.FromSeconds(2)).ToList();

        Assert.Equal(Enumerable.Range(0, 8).Select(i => TimeSpan.FromSeconds(i * 0.25)), times);
    }

    [Fact]
    public void IntendedTimes_Ramp_HalfTheLoadOfConstantWithTheIntegralInverted()
    {
        var duration = TimeSpan.FromSeconds(10);
        var times = ArrivalSchedule.IntendedTimes(LoadProfile.Ramp, 20, duration).ToList();

        // The rate rises from 0 to 20/s: the integral is 20·t²/(2·10) = t², so the i-th arrival is at √i s.
        Assert.Equal(100, times.Count);
        for (var i = 0; i < times.Count; i++)
        {
            Assert.Equal(Math.Sqrt(i), times[i].TotalSeconds, tolerance: 1e-6);
        }
    }

    [Fact]
    public void IntendedTimes_Spike_FiveTimesTheRateInTheMiddleTenth()
    {
        var times = ArrivalSchedule.IntendedTimes(LoadProfile.Spike, 10, TimeSpan.FromSeconds(10)).ToList();

        // 10/s for 9 s and 50/s for 1 s (4.5 s to 5.5 s).
        Assert.Equal(140, times.Count);
        Assert.Equal(45, times.Count(t => t.TotalSeconds < 4.5 - 1e-9));
        Assert.Equal(50, times.Count(t => t.TotalSeconds >= 4.5 - 1e-9 && t.TotalSeconds < 5.5 - 1e-9));
        Assert.Equal(4.5 + 0.02, times[46].TotalSeconds, tolerance: 1e-6);
        Assert.Equal(5.5, times[95].TotalSeconds, tolerance: 1e-6);
        Assert.Equal(50, ArrivalSchedule.RateAt(LoadProfile.Spike, 10, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
        Assert.Equal(10, ArrivalSchedule.RateAt(LoadProfile.Spike, 10, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6)));
    }

    [Theory]
    [InlineData(LoadProfile.Constant, 7.5, 3.3)]
    [InlineData(LoadProfile.Ramp, 13, 4.1)]
    [InlineData(LoadProfile.Spike, 3, 7)]
    public void ExpectedCount_AnyProfile_MatchesTheTimesWhichAreOrderedAndInsideTheRun(LoadProfile profile, double rate, double seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var times = ArrivalSchedule.IntendedTimes(profile, rate, duration).ToList();

        Assert.Equal(ArrivalSchedule.ExpectedCount(profile, rate, duration), times.Count);
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t, TimeSpan.Zero, duration));
    }

    [Fact]
    public void IntendedTimes_ZeroRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalSchedule.IntendedTimes(LoadProfile.Constant, 0, TimeSpan.FromSeconds(1)));
    }
}
