using System.Text.Json;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain;

/// <summary>
/// How every enumeration of the domain is written in JSON, in stored state and on the API alike: as its
/// kebab-case name (<c>ProductQuality</c> → <c>"product-quality"</c>). Numbers are refused, so a client
/// cannot slip in a value outside the enumeration.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
