using System.Collections.Immutable;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TicketCluster.Storage;

/// <summary>
/// The JSON of a stored grain state, the one the grain storage providers write, and the one rows written
/// before the move to Orleans hold, so both read alike: System.Text.Json with web defaults
/// (camelCase, case-insensitive reads), UTF-8, text outside ASCII written as it is rather than as
/// <c>\uXXXX</c> escapes (the bytes go to storage and to JSON receivers, never into an HTML page, and a
/// CJK character takes 3 bytes against 6 escaped). Quotes, backslashes and control characters are still
/// escaped, so the output is valid JSON. An <see cref="ImmutableArray{T}"/> left at its default (a
/// record read from JSON that did not name the member) is written as an empty array: System.Text.Json
/// would throw on it, and the grains' messages cross calls through these options too. A member whose value
/// is null is left out when leaving it out reads back as null (<see cref="OmitNullsThatReadBackNull"/>): a
/// ticket's state has some twenty such members, a fifth of its bytes.
/// </summary>
public static class GrainStateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitNullsThatReadBackNull } },
        };
        options.Converters.Add(new DefaultImmutableArrayAsEmpty());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Leaves a null member out of the JSON of an object when a read without it yields null again: a
    /// constructor parameter with no default or a null one, a member a read never sets (no setter: computed),
    /// or a member the object is constructed without (its initializer, if any, leaves it null: checked on an
    /// instance built with every constructor parameter at its default). A member that would read back
    /// otherwise (a parameter defaulting to a value, an initializer setting one, a type that cannot be built
    /// so, a getter that throws on such an instance) is written as null, as System.Text.Json does by default,
    /// so every value reads back as it was written.
    /// </summary>
    private static void OmitNullsThatReadBackNull(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.IsValueType)
        {
            return;
        }

        var parameters = (typeInfo.ConstructorAttributeProvider as ConstructorInfo)?.GetParameters() ?? [];
        var fresh = new Lazy<object?>(() => Construct(typeInfo, parameters));
        foreach (var property in typeInfo.Properties)
        {
            if (property.ShouldSerialize is not null || property.Get is not { } get || property.IsExtensionData
                || (property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null))
            {
                continue;
            }

            var parameter = Array.Find(parameters, p => string.Equals(p.Name, (property.AttributeProvider as MemberInfo)?.Name, StringComparison.OrdinalIgnoreCase));
            var readsBackNull = parameter is not null
                ? !parameter.HasDefaultValue || parameter.DefaultValue is null
                : property.Set is null || (fresh.Value is { } instance && ReadsNull(get, instance));
            if (readsBackNull)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }

    /// <summary>Whether <paramref name="get"/> answers null on <paramref name="instance"/>; false when it
    /// throws (a member computed from others the defaults leave unset).</summary>
    private static bool ReadsNull(Func<object, object?> get, object instance)
    {
        try
        {
            return get(instance) is null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>An instance as a read that names no member builds it, or null if that throws.</summary>
    private static object? Construct(JsonTypeInfo typeInfo, ParameterInfo[] parameters)
    {
        try
        {
            if (typeInfo.CreateObject is { } create)
            {
                return create();
            }

            if (typeInfo.ConstructorAttributeProvider is not ConstructorInfo constructor)
            {
                return null;
            }

            var arguments = parameters.Select(p => p.HasDefaultValue && p.DefaultValue is not null
                ? p.DefaultValue
                : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
            return constructor.Invoke(arguments);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A constructor that refuses its defaults (reflection wraps its exception; a factory does not).
            return null;
        }
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
