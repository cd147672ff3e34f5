using System.Text.Encodings.Web;
using System.Text.Json;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Serialization;

/// <summary>
/// The one JSON form of Domain types, on the wire between grains (Orleans' System.Text.Json codec) and in
/// the store: web defaults (camelCase, case-insensitive reads), text outside ASCII written as it is, and the
/// Domain's own polymorphism attributes. The same options the legacy runtime stores state with
/// (<c>JsonGrainStateSerializer</c>), so rows it wrote read unchanged.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Whether <paramref name="type"/> crosses grain calls through the JSON codec: every type of the
    /// Domain assembly, which carries no Orleans attribute.</summary>
    public static bool IsDomainType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Assembly == typeof(TicketState).Assembly;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
