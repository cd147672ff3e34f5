using System.Collections.Immutable;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The ticket's state as its own outbox (Orleans grain): what a committed turn owes the customer, the
/// merchant and the webhook subscriptions, and what an acknowledgement drops. Pure functions of the state.
/// </summary>
public static class TicketDeliveries
{
    /// <summary>How many facts or events one push carries to one receiver.</summary>
    public const int MaxBatch = 100;

    /// <summary>
    /// <paramref name="turn"/>'s state with what it owes added: its facts, its webhook deliveries (owed
    /// to subscriptions still configured; a removed subscription's debts go), and its intake keys, recorded
    /// at <paramref name="rowVersion"/>, the row version the write creates (<c>ETag + 1</c>). The turn that
    /// <paramref name="opens"/> the ticket also picks the part of the merchant's scorecard its merchant
    /// facts go to for the rest of its life (<see cref="Merchants.MerchantParts.Of"/>).
    /// </summary>
    public static TicketGrainState Owe(TicketTurnResult turn, long rowVersion, TicketSubscriptions subscriptions, bool opens)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var state = turn.State;
        var configured = subscriptions.All.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return state with
        {
            MerchantPart = state.MerchantPart ?? (opens && state.Ticket is { } ticket ? Merchants.MerchantParts.Of(ticket.TicketId) : null),
            PendingCustomerFacts = state.PendingCustomerFacts.AddRange(turn.CustomerFacts),
            PendingMerchantFacts = state.PendingMerchantFacts.AddRange(turn.MerchantFacts),
            PendingWebhooks = state.PendingWebhooks
                .RemoveAll(w => !configured.Contains(w.SubscriptionId))
                .AddRange(turn.Webhooks.Select(d => new WebhookOwed(d.SubscriptionId, d.Event.Sequence, d.Event.At))),
            IntakeKeys = state.IntakeKeys.AddRange(turn.KeysToRecord
                .Where(k => !state.IntakeKeys.Exists(r => r.Scope == k.Scope && r.Key == k.Key))
                .Select(k => new IntakeKeyRecord(k.Scope, k.Key, rowVersion))),
            Messages = state.Messages.AddRange(turn.Messages.Where(m => !state.Messages.Exists(q => q.Id == m.Id))),
        };
    }

    /// <summary>The oldest facts owed to the customer, at most <see cref="MaxBatch"/>.</summary>
    public static ImmutableArray<Sequenced<CustomerFact>> CustomerBatch(TicketGrainState state) =>
        [.. state.PendingCustomerFacts.Take(MaxBatch)];

    /// <summary>The oldest facts owed to the merchant, at most <see cref="MaxBatch"/>.</summary>
    public static ImmutableArray<Sequenced<MerchantFact>> MerchantBatch(TicketGrainState state) =>
        [.. state.PendingMerchantFacts.Take(MaxBatch)];

    /// <summary>The customer applied every fact up to <paramref name="sequence"/>.</summary>
    public static TicketGrainState CustomerAcknowledged(TicketGrainState state, long sequence) =>
        state with { PendingCustomerFacts = state.PendingCustomerFacts.RemoveAll(f => f.Sequence <= sequence) };

    /// <summary>The merchant applied every fact up to <paramref name="sequence"/>.</summary>
    public static TicketGrainState MerchantAcknowledged(TicketGrainState state, long sequence) =>
        state with { PendingMerchantFacts = state.PendingMerchantFacts.RemoveAll(f => f.Sequence <= sequence) };

    /// <summary>The subscriptions owed events, in order of their oldest debt.</summary>
    public static ImmutableArray<string> SubscriptionsOwed(TicketGrainState state) =>
        [.. state.PendingWebhooks.Select(w => w.SubscriptionId).Distinct(StringComparer.Ordinal)];

    /// <summary>The oldest events owed to <paramref name="subscriptionId"/>, at most <see cref="MaxBatch"/>.</summary>
    public static ImmutableArray<TicketEvent> WebhookBatch(TicketGrainState state, string subscriptionId) =>
        [.. state.PendingWebhooks
            .Where(w => w.SubscriptionId == subscriptionId)
            .Take(MaxBatch)
            .Select(w => state.Events[(int)w.Sequence - 1])];

    /// <summary>The feed of <paramref name="subscriptionId"/> delivered every event up to
    /// <paramref name="sequence"/>; null when that changes nothing (a repeated acknowledgement).</summary>
    public static TicketGrainState? WebhookAcknowledged(TicketGrainState state, string subscriptionId, long sequence)
    {
        var left = state.PendingWebhooks.RemoveAll(w => w.SubscriptionId == subscriptionId && w.Sequence <= sequence);
        return left.Count == state.PendingWebhooks.Count ? null : state with { PendingWebhooks = left };
    }

    /// <summary>The time of the oldest event some receiver has not acknowledged; null when nothing is owed.</summary>
    public static DateTimeOffset? PendingSince(TicketGrainState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.PendingCustomerFacts.Select(f => f.Fact.At)
            .Concat(state.PendingMerchantFacts.Select(f => f.Fact.At))
            .Concat(state.PendingWebhooks.Select(w => w.At))
            .Concat(state.Messages.Where(m => m.IsOwed).Select(m => m.QueuedAt))
            .Order()
            .Cast<DateTimeOffset?>()
            .FirstOrDefault();
    }

    /// <summary>Whether anything is owed to any receiver.</summary>
    public static bool Owes(TicketGrainState state) =>
        !state.PendingCustomerFacts.IsEmpty || !state.PendingMerchantFacts.IsEmpty || !state.PendingWebhooks.IsEmpty
        || state.Messages.Exists(m => m.IsOwed);

    /// <summary>The messages still to send (queued or retrying), oldest first.</summary>
    public static ImmutableArray<OutboundMessage> MessagesOwed(TicketGrainState state) =>
        [.. state.Messages.Where(m => m.IsOwed)];

    /// <summary>The state after one attempt to send message <paramref name="messageId"/> (sent when
    /// <paramref name="error"/> is null); null when the message is not owed any more (a late or repeated
    /// report), which changes nothing.</summary>
    public static TicketGrainState? MessageAttempted(TicketGrainState state, string messageId, string? error, DateTimeOffset at, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = state.Messages.FindIndex(m => m.Id == messageId);
        return index < 0 || !state.Messages[index].IsOwed
            ? null
            : state with { Messages = state.Messages.SetItem(index, state.Messages[index].Attempted(error, at, maxAttempts)) };
    }
}
