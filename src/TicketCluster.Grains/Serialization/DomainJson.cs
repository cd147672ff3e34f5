using System.Text.Json;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Serialization;

/// <summary>
/// The one JSON form of Domain types, on the wire between grains (Orleans' System.Text.Json codec) and in
/// the store: the storage's <see cref="GrainStateJson.Options"/> (web defaults, text outside ASCII written as
/// it is, a default immutable array written as an empty one, a null member left out where it reads back null)
/// with the Domain's own polymorphism attributes,
/// so what a grain call carries is what the store keeps, and rows written before the move to Orleans read
/// unchanged.
/// </summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options => GrainStateJson.Options;

    /// <summary>Whether <paramref name="type"/> crosses grain calls through the JSON codec: every type of the
    /// Domain assembly, which carries no Orleans attribute.</summary>
    public static bool IsDomainType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Assembly == typeof(TicketState).Assembly;
    }
}
