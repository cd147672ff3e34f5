using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

/// <summary>Where the customer met the problem in person.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LocationKind>))]
public enum LocationKind
{
    Store,
    ServicePoint,
}

/// <summary>A store or service point, by its id (and the name the customer saw).</summary>
public sealed record ServiceLocation(LocationKind Kind, string Id, string? Name);

/// <summary>The order line the complaint is about: its line id, its SKU, or both.</summary>
public sealed record OrderLineRef(string? LineId, string? Sku);

/// <summary>
/// What the intake records about the problem itself, beyond the order: when it happened
/// (<see cref="OccurredAt"/>, never after the intake), where (<see cref="Location"/>), and which order
/// line it concerns (<see cref="OrderLine"/>, which must name a line of the order when the order lists
/// its items). Every part is optional.
/// </summary>
public sealed record IncidentFacts(DateTimeOffset? OccurredAt, ServiceLocation? Location, OrderLineRef? OrderLine)
{
    public static IncidentFacts None { get; } = new(null, null, null);
}

/// <summary>The languages the after-sales desks answer in (BCP 47 tags, as written here).</summary>
public static class CustomerLanguages
{
    public static readonly ImmutableArray<string> Supported = ["zh-CN", "zh-TW", "en"];

    public static bool IsSupported(string? tag) => tag is not null && Supported.Contains(tag, StringComparer.Ordinal);
}
