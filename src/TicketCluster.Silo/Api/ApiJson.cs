using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TicketCluster.Domain;
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
        options.Converters.Add(new MoneyConverter());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitCommandActor, RequireConstructorValues } };
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>A command's actor is the caller, taken from the token, and a property the node looks up
    /// itself (<see cref="SuppliedByNodeAttribute"/>) is its own: a body can name neither.</summary>
    private static void OmitCommandActor(JsonTypeInfo type)
    {
        if (!type.Type.IsAssignableTo(typeof(TicketCommand)))
        {
            return;
        }

        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            var property = type.Properties[i];
            if (property.Name == "actor"
                || property.AttributeProvider?.IsDefined(typeof(SuppliedByNodeAttribute), inherit: true) == true)
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

    /// <summary>Writes every time in UTC (<c>2026-11-23T09:30:00Z</c>); reads an ISO-8601 time only with its
    /// offset (<c>Z</c> or <c>±hh:mm</c>): a time without one would be taken in the node's own zone.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        private const string Expected = "must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00Z";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value) || !HasOffset(reader.GetString()!))
            {
                throw new JsonException(Expected);
            }

            return value.ToUniversalTime();
        }

        /// <summary>The text after the time of day ends in <c>Z</c> or a <c>±hh:mm</c> offset.</summary>
        private static bool HasOffset(string text)
        {
            var time = text.IndexOf('T', StringComparison.Ordinal);
            if (time < 0)
            {
                return false;
            }

            var tail = text.AsSpan(time);
            return tail.EndsWith("Z", StringComparison.Ordinal)
                || (tail.Length > 6 && tail[^6] is '+' or '-' && tail[^3] == ':');
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reads money as <c>{"amount": 10.5, "currency": "CNY"}</c> and holds it to
    /// <see cref="Contracts.FieldRules.AmountProblem"/> and a known currency before the domain value is
    /// built, so a client's bad amount is a 400 naming the field, never the value's own exception.
    /// </summary>
    private sealed class MoneyConverter : JsonConverter<Money>
    {
        private const string Expected = "must be an object with an amount and an ISO 4217 currency, e.g. {\"amount\": 10.5, \"currency\": \"CNY\"}";

        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException(Expected);
            }

            decimal? amount = null;
            string? currency = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "amount" when reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value):
                        amount = value;
                        break;
                    case "currency" when reader.TokenType == JsonTokenType.String:
                        currency = reader.GetString();
                        break;
                    default:
                        throw new JsonException(Expected);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || amount is not { } a || currency is null)
            {
                throw new JsonException(Expected);
            }

            if (!Configuration.Currencies.IsKnown(currency))
            {
                throw new JsonException("currency must be an ISO 4217 currency code (upper case, e.g. CNY)");
            }

            return Contracts.FieldRules.AmountProblem(a, currency) is { } problem
                ? throw new JsonException("amount " + problem)
                : new Money(a, currency);
        }

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber("amount", value.Amount);
            writer.WriteString("currency", value.Currency);
            writer.WriteEndObject();
        }
    }
}
