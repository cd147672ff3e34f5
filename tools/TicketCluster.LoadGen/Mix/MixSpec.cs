using System.Globalization;

namespace TicketCluster.LoadGen.Mix;

/// <summary>Reads a mix given on the command line as <c>name=weight,name=weight</c>.</summary>
public static class MixSpec
{
    /// <summary>The weights of <paramref name="spec"/>; each name must be one of <paramref name="known"/>
    /// (case-insensitive), each weight a non-negative number.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Parse(string spec, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(known);
        var result = new List<KeyValuePair<string, double>>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var name = known.FirstOrDefault(k => string.Equals(k, pair[0], StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"Unknown name '{pair[0]}' in '{spec}'; known: {string.Join(", ", known)}.");
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0)
            {
                throw new FormatException($"'{part}' in '{spec}' is not name=weight with a non-negative weight.");
            }

            result.Add(new(name, weight));
        }

        return result.Count == 0 ? throw new FormatException($"The mix '{spec}' names nothing.") : result;
    }
}
