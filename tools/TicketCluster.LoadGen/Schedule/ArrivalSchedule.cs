namespace TicketCluster.LoadGen.Schedule;

/// <summary>The shape of the offered load over the run.</summary>
public enum LoadProfile
{
    /// <summary>The target rate from start to end.</summary>
    Constant,

    /// <summary>From zero up to the target rate, linearly, over the whole run.</summary>
    Ramp,

    /// <summary>The target rate, with <see cref="ArrivalSchedule.SpikeFactor"/> times it during the middle
    /// tenth of the run (a flash sale opening).</summary>
    Spike,
}

/// <summary>
/// The intended send times of an open-model run: when each intake should leave the generator, whatever
/// happened to the ones before. Latency is measured from these times, so a slow answer cannot make the
/// generator send less and hide its own delay (coordinated omission).
/// <para>Arrivals are evenly spaced in the cumulative offered load: the i-th arrival (from zero) is at the
/// time t where the integral of the rate from 0 to t is i. That makes the schedule exact and repeatable;
/// the randomness of a sale day lives in the mix, not in the spacing.</para>
/// </summary>
public static class ArrivalSchedule
{
    public const double SpikeFactor = 5.0;

    /// <summary>Every intended send time, as an offset from the start, in order, to the nearest tick.</summary>
    public static IEnumerable<TimeSpan> IntendedTimes(LoadProfile profile, double rate, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return Generate(profile, rate, duration.TotalSeconds);
    }

    /// <summary>The number of arrivals a run offers: the integral of the rate over the run, rounded up.</summary>
    public static long ExpectedCount(LoadProfile profile, double rate, TimeSpan duration) =>
        (long)Math.Ceiling(CumulativeLoad(profile, rate, duration.TotalSeconds, duration.TotalSeconds) - 1e-9);

    /// <summary>The rate intended at <paramref name="at"/> (arrivals per second).</summary>
    public static double RateAt(LoadProfile profile, double rate, TimeSpan duration, TimeSpan at)
    {
        var (t, d) = (at.TotalSeconds, duration.TotalSeconds);
        return profile switch
        {
            LoadProfile.Constant => rate,
            LoadProfile.Ramp => rate * Math.Clamp(t / d, 0, 1),
            LoadProfile.Spike => t >= d * 0.45 && t < d * 0.55 ? rate * SpikeFactor : rate,
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
        };
    }

    private static IEnumerable<TimeSpan> Generate(LoadProfile profile, double rate, double d)
    {
        var total = CumulativeLoad(profile, rate, d, d);
        for (long i = 0; i < total - 1e-9; i++)
        {
            yield return TimeSpan.FromTicks((long)Math.Round(Invert(profile, rate, d, i) * TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>The integral of the rate from 0 to <paramref name="t"/> seconds.</summary>
    private static double CumulativeLoad(LoadProfile profile, double rate, double d, double t) => profile switch
    {
        LoadProfile.Constant => rate * t,
        LoadProfile.Ramp => rate * t * t / (2 * d),
        LoadProfile.Spike => rate * t + (rate * (SpikeFactor - 1) * Math.Clamp(t - (d * 0.45), 0, d * 0.1)),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>The time at which the cumulative load reaches <paramref name="n"/>.</summary>
    private static double Invert(LoadProfile profile, double rate, double d, double n)
    {
        switch (profile)
        {
            case LoadProfile.Constant:
                return n / rate;
            case LoadProfile.Ramp:
                return Math.Sqrt(2 * d * n / rate);
            case LoadProfile.Spike:
                var spikeStart = d * 0.45;
                var beforeSpike = rate * spikeStart;
                var spikeLoad = rate * SpikeFactor * d * 0.1;
                if (n < beforeSpike)
                {
                    return n / rate;
                }

                if (n < beforeSpike + spikeLoad)
                {
                    return spikeStart + ((n - beforeSpike) / (rate * SpikeFactor));
                }

                return (d * 0.55) + ((n - beforeSpike - spikeLoad) / rate);
            default:
                throw new ArgumentOutOfRangeException(nameof(profile), profile, null);
        }
    }
}
