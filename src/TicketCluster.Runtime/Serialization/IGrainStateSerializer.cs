using System.Text.Json;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Serialization;

/// <summary>Turns grain state into the bytes the storage keeps, and back.</summary>
public interface IGrainStateSerializer
{
    byte[] Serialize<TState>(TState state);

    TState Deserialize<TState>(ReadOnlySpan<byte> data);
}

/// <summary>The default serializer: System.Text.Json with <see cref="GrainStateJson.Options"/> (web defaults,
/// non-ASCII text unescaped), the JSON the Orleans grain storage providers read and write too.</summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions options) : IGrainStateSerializer
{
    public JsonGrainStateSerializer() : this(GrainStateJson.Options)
    {
    }

    public byte[] Serialize<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, options);

    public TState Deserialize<TState>(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize<TState>(data, options)
        ?? throw new JsonException($"Stored state deserialized to null for {typeof(TState).Name}.");
}
