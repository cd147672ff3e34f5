using System.Text.Encodings.Web;
using System.Text.Json;

namespace TicketCluster.Runtime.Serialization;

/// <summary>Turns grain state into the bytes the storage keeps, and back.</summary>
public interface IGrainStateSerializer
{
    byte[] Serialize<TState>(TState state);

    TState Deserialize<TState>(ReadOnlySpan<byte> data);
}

/// <summary>The default serializer: System.Text.Json with web defaults (camelCase, case-insensitive
/// reads), UTF-8. Text outside ASCII is written as it is, not as <c>\uXXXX</c> escapes: the bytes go to
/// storage and to JSON receivers, never into an HTML page, and a customer's Chinese complaint takes half
/// the bytes (a CJK character is 3 bytes of UTF-8 against 6 escaped), which every write and read of the
/// state pays for. Quotes, backslashes and control characters are still escaped, so the output is valid JSON.</summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions options) : IGrainStateSerializer
{
    public JsonGrainStateSerializer() : this(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
    {
    }

    public byte[] Serialize<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, options);

    public TState Deserialize<TState>(ReadOnlySpan<byte> data) =>
        JsonSerializer.Deserialize<TState>(data, options)
        ?? throw new JsonException($"Stored state deserialized to null for {typeof(TState).Name}.");
}
