using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The names of ticket events as the audit trail spells them (<c>opened</c>, <c>escalated</c>): the
/// type discriminators of <see cref="TicketEvent"/>'s JSON, read once from its attributes so the two
/// can never disagree.
/// </summary>
public static class TicketEventNames
{
    private static readonly FrozenDictionary<Type, string> ByType = typeof(TicketEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToFrozenDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    /// <summary>Every event name, for validating subscriptions.</summary>
    public static FrozenSet<string> All { get; } = ByType.Values.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The name of <paramref name="e"/>'s type.</summary>
    public static string NameOf(TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return ByType.TryGetValue(e.GetType(), out var name)
            ? name
            : throw new ArgumentException($"'{e.GetType().Name}' is not a registered ticket event type.", nameof(e));
    }
}
