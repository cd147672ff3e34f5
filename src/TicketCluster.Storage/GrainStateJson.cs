using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TicketCluster.Storage;

/// <summary>
/// The JSON of a stored grain state, the one the grain storage providers write, and the one rows written
/// before the move to Orleans hold, so both read alike: System.Text.Json with web defaults
/// (camelCase, case-insensitive reads), UTF-8, text outside ASCII written as it is rather than as
/// <c>\uXXXX</c> escapes (the bytes go to storage and to JSON receivers, never into an HTML page, and a
/// CJK character takes 3 bytes against 6 escaped). Quotes, backslashes and control characters are still
/// escaped, so the output is valid JSON. An <see cref="ImmutableArray{T}"/> left at its default (a
/// record read from JSON that did not name the member) is written as an empty array: System.Text.Json
/// would throw on it, and the grains' messages cross calls through these options too.
/// </summary>
public static class GrainStateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new DefaultImmutableArrayAsEmpty());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes a default <see cref="ImmutableArray{T}"/> as <c>[]</c>; everything else as usual.</summary>
    private sealed class DefaultImmutableArrayAsEmpty : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
        {
            public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                JsonSerializer.Deserialize<T[]>(ref reader, options) is { } items ? [.. items] : [];

            public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
            {
                writer.WriteStartArray();
                if (!value.IsDefault)
                {
                    foreach (var item in value)
                    {
                        JsonSerializer.Serialize(writer, item, options);
                    }
                }

                writer.WriteEndArray();
            }
        }
    }
}
