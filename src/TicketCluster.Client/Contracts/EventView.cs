using System.Text.Json;
using System.Text.Json.Nodes;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Client.Contracts;

/// <summary>
/// One entry of a ticket's audit trail: its type (kebab-case, e.g. <c>escalated</c>), who did it in which
/// role, when, and the event's own fields in <see cref="Data"/> (null where the caller may not read them: a
/// merchant sees the data of its own side of the case only).
/// </summary>
public sealed record EventView(long Sequence, string Type, string Actor, ActorRole Role, DateTimeOffset At, JsonObject? Data)
{
    /// <summary>A field of <see cref="Data"/> as <typeparamref name="T"/>; default when absent.</summary>
    public T? Field<T>(string name) =>
        Data?[name] is { } node ? node.Deserialize<T>(ClientJson.Options) : default;
}
