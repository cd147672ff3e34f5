using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Api;

/// <summary>
/// The API's JSON: camelCase, enums as kebab-case strings, times as UTC ISO-8601 with a <c>Z</c>, and
/// strict reading: unknown properties, numbers in strings, missing constructor parameters and nulls for
/// non-nullable members are errors, so a gateway learns of a mistake instead of having it guessed at.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
                options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.MaxDepth = 16;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimeConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitCommandActor, RequireConstructorValues } };
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A command's actor is the caller, taken from the token; a body cannot name one.</summary>
    private static void OmitCommandActor(JsonTypeInfo type)
    {
        if (!type.Type.IsAssignableTo(typeof(TicketCommand)))
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Name == "actor")
            {
                type.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary>
    /// A constructor parameter of a domain record must be present unless it may be null or is a list (a
    /// missing list is an empty one): a missing enumeration or amount would otherwise arrive as its
    /// default value and be taken for a choice the client never made.
    /// </summary>
    private static void RequireConstructorValues(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.Namespace?.StartsWith("TicketCluster.", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is { IsNullable: false, HasDefaultValue: false } && property.Set is not null
                && !(property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)))
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>Writes every time in UTC (<c>2026-11-23T09:30:00Z</c>); reads any ISO-8601 offset.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            {
                throw new JsonException("must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00Z");
            }

            return value.ToUniversalTime();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
