using System.Collections.Immutable;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// The event ids a party model has applied, kept per ticket so that the set stays bounded: the outbox
/// delivers each ticket event at least once, and a redelivery must change nothing.
/// <para>
/// The bound: a ticket's ids are kept while the ticket is open (not settled) and for
/// <see cref="Retention"/> after its last fact once it is settled (closed), measured against
/// <see cref="LatestAt"/>, the latest time of any applied fact. After that they are forgotten. A fact for
/// a ticket without retained ids whose time is more than <see cref="Retention"/> before
/// <see cref="LatestAt"/> is taken for a late redelivery and ignored; so the outbox must deliver within
/// <see cref="Retention"/> (default 14 days). The decisions depend only on the facts applied, never on
/// how they were batched.
/// </para>
/// </summary>
public sealed record AppliedEventLog(
    ImmutableSortedDictionary<string, TicketEventIds> Tickets,
    DateTimeOffset? LatestAt,
    TimeSpan Retention)
{
    /// <summary>The default <see cref="Retention"/>: 14 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(14);

    public static AppliedEventLog Empty(TimeSpan? retention = null)
    {
        var value = retention ?? DefaultRetention;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(retention));
        return new AppliedEventLog(ImmutableSortedDictionary<string, TicketEventIds>.Empty, null, value);
    }

    /// <summary>Whether a fact with this id, ticket and time would be ignored as already applied.</summary>
    public bool HasApplied(string eventId, string ticketId, DateTimeOffset at) => new Tracker(this).IsDuplicate(eventId, ticketId, at);

    /// <summary>The mutable working copy used while a batch of facts is applied.</summary>
    internal sealed class Tracker
    {
        private readonly ImmutableSortedDictionary<string, TicketEventIds>.Builder _tickets;
        private readonly TimeSpan _retention;
        private DateTimeOffset? _latestAt;

        public Tracker(AppliedEventLog log)
        {
            _tickets = log.Tickets.ToBuilder();
            _latestAt = log.LatestAt;
            _retention = log.Retention;
        }

        /// <summary>Records the fact and returns true, or returns false when it was applied before.</summary>
        public bool TryRecord(string eventId, string ticketId, DateTimeOffset at)
        {
            ArgumentException.ThrowIfNullOrEmpty(eventId);
            ArgumentException.ThrowIfNullOrEmpty(ticketId);
            if (IsDuplicate(eventId, ticketId, at))
            {
                return false;
            }

            var entry = LiveEntry(ticketId) ?? new TicketEventIds(ImmutableSortedSet<string>.Empty, at, Settled: false);
            _tickets[ticketId] = entry with
            {
                EventIds = entry.EventIds.Add(eventId),
                LastAt = entry.LastAt > at ? entry.LastAt : at,
            };
            _latestAt = _latestAt > at ? _latestAt : at;
            return true;
        }

        /// <summary>Marks the ticket closed (its ids may be forgotten after the retention) or open again.</summary>
        public void SetSettled(string ticketId, bool settled)
        {
            if (_tickets.TryGetValue(ticketId, out var entry))
            {
                _tickets[ticketId] = entry with { Settled = settled };
            }
        }

        public bool IsDuplicate(string eventId, string ticketId, DateTimeOffset at)
        {
            if (LiveEntry(ticketId) is { } entry)
            {
                return entry.EventIds.Contains(eventId);
            }

            return Cutoff() is { } cutoff && at < cutoff;
        }

        /// <summary>The log, without the entries that are past their retention.</summary>
        public AppliedEventLog ToLog()
        {
            var expired = _tickets.Where(t => !IsLive(t.Value)).Select(t => t.Key).ToList();
            _tickets.RemoveRange(expired);
            return new AppliedEventLog(_tickets.ToImmutable(), _latestAt, _retention);
        }

        private TicketEventIds? LiveEntry(string ticketId) =>
            _tickets.TryGetValue(ticketId, out var entry) && IsLive(entry) ? entry : null;

        private bool IsLive(TicketEventIds entry) => !entry.Settled || Cutoff() is not { } cutoff || entry.LastAt >= cutoff;

        private DateTimeOffset? Cutoff() =>
            _latestAt is { } latest && latest - DateTimeOffset.MinValue > _retention ? latest - _retention : null;
    }
}

/// <summary>The applied event ids of one ticket, the time of its latest fact, and whether it is closed.</summary>
public sealed record TicketEventIds(ImmutableSortedSet<string> EventIds, DateTimeOffset LastAt, bool Settled);
