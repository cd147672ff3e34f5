using System.Text.Json;

namespace TicketCluster.Domain.Tests.Classification;

/// <summary>Round-trips a model through System.Text.Json with both the default and the web options.</summary>
internal static class JsonRoundTrip
{
    private static readonly JsonSerializerOptions[] Options = [JsonSerializerOptions.Default, JsonSerializerOptions.Web];

    /// <summary>
    /// Serializes, deserializes and serializes again, asserting that both documents are identical, and
    /// returns the copy read back with the default options.
    /// </summary>
    public static T AssertRoundTrips<T>(T value)
    {
        T? copy = default;
        foreach (var options in Options)
        {
            var json = JsonSerializer.Serialize(value, options);
            var back = JsonSerializer.Deserialize<T>(json, options);
            Assert.NotNull(back);
            Assert.Equal(json, JsonSerializer.Serialize(back, options));
            copy = ReferenceEquals(options, JsonSerializerOptions.Default) ? back : copy;
        }

        return copy!;
    }
}
