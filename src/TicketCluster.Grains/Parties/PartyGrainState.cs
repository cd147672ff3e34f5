using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TicketCluster.Grains.Parties;

/// <summary>
/// What a customer or merchant grain on Orleans persists: its profile (<typeparamref name="TProfile"/>)
/// and, per ticket that sent it facts, the last sequence it applied (<see cref="Watermarks"/>). Stored
/// flat: the profile's own JSON plus a <c>watermarks</c> member, so rows written before the move to
/// Orleans (the profile alone) read unchanged, with no watermarks. <see cref="Profile"/> is null only before the
/// first write (the grain starts from a new profile).
/// </summary>
[JsonConverter(typeof(PartyGrainStateConverterFactory))]
public sealed record PartyGrainState<TProfile>
    where TProfile : class
{
    public TProfile? Profile { get; init; }

    public ImmutableDictionary<string, Watermark> Watermarks { get; init; } = ImmutableDictionary<string, Watermark>.Empty;
}

/// <summary>The last sequence of a ticket's facts a party applied, and when.</summary>
public sealed record Watermark(long Sequence, DateTimeOffset At);

internal sealed class PartyGrainStateConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(PartyGrainState<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PartyGrainStateConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

internal sealed class PartyGrainStateConverter<TProfile> : JsonConverter<PartyGrainState<TProfile>>
    where TProfile : class
{
    private const string WatermarksName = "watermarks";

    public override PartyGrainState<TProfile> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("A party's state is a JSON object.");
        var watermarks = node[WatermarksName]?.Deserialize<ImmutableDictionary<string, Watermark>>(options) ?? ImmutableDictionary<string, Watermark>.Empty;
        node.Remove(WatermarksName);
        var profile = node.Deserialize<TProfile>(options) ?? throw new JsonException($"A party's state has no {typeof(TProfile).Name}.");
        return new PartyGrainState<TProfile> { Profile = profile, Watermarks = watermarks };
    }

    public override void Write(Utf8JsonWriter writer, PartyGrainState<TProfile> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var node = JsonSerializer.SerializeToNode(value.Profile, options) as JsonObject ?? throw new JsonException("A party's profile is a JSON object.");
        node[WatermarksName] = JsonSerializer.SerializeToNode(value.Watermarks, options);
        node.WriteTo(writer, options);
    }
}
