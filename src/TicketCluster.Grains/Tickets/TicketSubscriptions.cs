using System.Collections.Frozen;
using System.Collections.Immutable;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// A receiver of ticket events outside the cluster (a webhook subscription), as the ticket grain sees
/// it: an id and the event names it wants (<see cref="TicketEventNames"/>; empty: every event). Where
/// and how the events travel is the host's business.
/// </summary>
public sealed record TicketSubscription
{
    public TicketSubscription(string id, IEnumerable<string> eventTypes)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(eventTypes);
        if (id.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A subscription id must not contain '/'.", nameof(id));
        }

        Id = id;
        EventTypes = eventTypes.ToFrozenSet(StringComparer.Ordinal);
    }

    public string Id { get; }

    public FrozenSet<string> EventTypes { get; }

    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType);
}

/// <summary>The subscriptions every ticket grain publishes its events to.</summary>
public sealed class TicketSubscriptions(IEnumerable<TicketSubscription> subscriptions)
{
    public static TicketSubscriptions None { get; } = new([]);

    public ImmutableArray<TicketSubscription> All { get; } = [.. subscriptions];
}
