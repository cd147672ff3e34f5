using System.Globalization;

namespace TicketCluster.LoadGen.Mix;

/// <summary>Picks one of several values in proportion to their weights. A weight of zero is never picked.</summary>
public sealed class WeightedSampler<T>
{
    private readonly T[] _values;
    private readonly double[] _cumulative;

    public WeightedSampler(IEnumerable<KeyValuePair<T, double>> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var values = new List<T>();
        var cumulative = new List<double>();
        var sum = 0.0;
        foreach (var (value, weight) in weights)
        {
            if (weight < 0 || double.IsNaN(weight) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"The weight of {value} is {weight.ToString(CultureInfo.InvariantCulture)}: weights are finite and not negative.", nameof(weights));
            }

            if (weight > 0)
            {
                sum += weight;
                values.Add(value);
                cumulative.Add(sum);
            }
        }

        if (sum <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        _values = [.. values];
        _cumulative = [.. cumulative.Select(c => c / sum)];
        _cumulative[^1] = 1.0;
    }

    /// <summary>The values that can be picked, in the order given.</summary>
    public IReadOnlyList<T> Values => _values;

    /// <summary>The value whose share of [0, 1) holds <paramref name="uniform"/>.</summary>
    public T Pick(double uniform)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(uniform);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(uniform, 1.0);
        var index = Array.BinarySearch(_cumulative, uniform);
        // An exact hit on a boundary belongs to the next value: shares are half-open [from, to).
        index = index >= 0 ? index + 1 : ~index;
        return _values[Math.Min(index, _values.Length - 1)];
    }

    public T Pick(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Pick(random.NextDouble());
    }
}
