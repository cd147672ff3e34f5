using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// Everything a ticket grain decides, as pure functions of its state, the call and the time: the keyed
/// and versioned pre-checks, the decision with its new state, the reminder plan of its counting clocks,
/// the facts for its customer and merchant, its webhook deliveries, the intake keys to record and the
/// query row. The ticket grain calls these and holds no decision of its own.
/// </summary>
public static class TicketTurn
{
    /// <summary>
    /// What a command answers before anything is decided: with an idempotency <paramref name="key"/> an
    /// earlier accepted command used, the ticket as that command left it (same fingerprint) or
    /// <see cref="TicketOutcome.KeyedReplay.KeyReused"/>; with an <paramref name="expectedVersion"/> the
    /// ticket is no longer at, <see cref="TicketOutcome.IsStale"/>. Null: decide the command. The key check
    /// comes first, so a retry carrying the first attempt's version is still answered.
    /// </summary>
    public static TicketOutcome? Precheck(TicketGrainState state, long? expectedVersion, CommandKey? key)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (key is not null && state.CommandKeys.Find(r => r.Key == key.Key) is { } earlier)
        {
            return earlier.Fingerprint == key.Fingerprint
                ? TicketOutcome.Replayed(TicketAt(state, earlier.Version))
                : TicketOutcome.KeyReused(state.Ticket);
        }

        return expectedVersion is { } expected && state.Ticket is { } ticket && ticket.Version != expected
            ? TicketOutcome.Stale(ticket)
            : null;
    }

    /// <summary>The ticket an earlier intake with the same keys was taken into, and whether that intake
    /// had the same <c>Idempotency-Key</c> with another fingerprint.</summary>
    public static IntakeReplay ReplayOf(TicketGrainState state, IntakeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(keys);
        var differs = keys.IdempotencyKey is { } key
            && state.IntakeFingerprints.TryGetValue(TicketKeys.IntakeKeyId(keys.Submitter, key), out var stored)
            && stored != keys.Fingerprint;
        return new IntakeReplay(state.Ticket, differs);
    }

    /// <summary>An intake routed to a ticket that exists already: added as a contact of it.</summary>
    public static AddContact ContactOf(OpenTicket open, string contactId)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        return new AddContact(open.Channel, contactId, open.Description, open.Evidence) { Actor = open.Actor };
    }

    /// <summary>The ticket as it was at <paramref name="version"/>, rebuilt from the audit trail.</summary>
    public static TicketState TicketAt(TicketGrainState state, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        return TicketState.Replay(state.Events.TakeWhile(e => e.Sequence <= version));
    }

    /// <summary>
    /// Decides <paramref name="command"/> on <paramref name="state"/>. A rejection, or an accepted command
    /// with no events (a stale tick, a repeated contact), answers with <see cref="TicketTurnResult.Writes"/>
    /// false and the state unchanged; otherwise the result carries the state to write and everything the
    /// write implies.
    /// </summary>
    public static TicketTurnResult Decide(TicketGrainState state, TicketCommand command, TicketTurnInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(input);
        var before = state.Ticket;
        var decision = TicketDecider.Decide(before, command, new DecisionContext(input.Now, input.Policy));
        if (decision.Rejection is { } rejection)
        {
            return TicketTurnResult.Unchanged(state, TicketOutcome.Rejected(before, rejection));
        }

        if (decision.Events.IsEmpty)
        {
            return TicketTurnResult.Unchanged(state, TicketOutcome.Accepted(before!, []));
        }

        var customerFacts = ImmutableArray.CreateBuilder<Sequenced<CustomerFact>>();
        var merchantFacts = ImmutableArray.CreateBuilder<Sequenced<MerchantFact>>();
        var webhooks = ImmutableArray.CreateBuilder<WebhookDelivery>();
        var messages = ImmutableArray.CreateBuilder<OutboundMessage>();
        var after = before;
        foreach (var e in decision.Events)
        {
            var next = TicketState.Evolve(after, e);
            if (TicketFeeds.ForCustomer(next, e) is { } customerFact)
            {
                customerFacts.Add(new Sequenced<CustomerFact>(e.Sequence, customerFact));
            }

            if (TicketFeeds.ForMerchant(after, e) is { } merchantFact)
            {
                merchantFacts.Add(new Sequenced<MerchantFact>(e.Sequence, merchantFact));
            }

            foreach (var subscription in WebhookSubscribersOf(input.Subscriptions, e))
            {
                webhooks.Add(new WebhookDelivery(subscription.Id, e));
            }

            if (input.Messaging.MessageFor(next, e) is { } message)
            {
                messages.Add(message);
            }

            after = next;
        }

        var events = state.Events.AddRange(decision.Events);
        var newState = state with
        {
            Ticket = after,
            Events = events,
            IntakeFingerprints = input.Intake is { IdempotencyKey: { } intakeKey }
                ? state.IntakeFingerprints.SetItem(TicketKeys.IntakeKeyId(input.Intake.Submitter, intakeKey), input.Intake.Fingerprint)
                : state.IntakeFingerprints,
            CommandKeys = input.CommandKey is { } commandKey
                ? Remember(state.CommandKeys, new CommandKeyRecord(commandKey.Key, commandKey.Fingerprint, after!.Version))
                : state.CommandKeys,
        };
        return new TicketTurnResult(
            TicketOutcome.Accepted(after!, decision.Events),
            newState,
            Writes: true,
            TicketReminders.Plan(before, after!, input.Fired),
            customerFacts.ToImmutable(),
            merchantFacts.ToImmutable(),
            webhooks.ToImmutable(),
            input.Keys,
            TicketQueryRows.From(after!, events, input.Now))
        {
            Messages = messages.ToImmutable(),
        };
    }

    /// <summary>The subscriptions that want <paramref name="e"/> (by its event name).</summary>
    public static IEnumerable<TicketSubscription> WebhookSubscribersOf(TicketSubscriptions subscriptions, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(e);
        if (subscriptions.All.IsEmpty)
        {
            return [];
        }

        // An internal note is for staff only: it goes to a subscription that names it, never to one that takes
        // every event (a merchant platform may be one).
        var name = TicketEventNames.NameOf(e);
        return e is InternalNoteAdded
            ? subscriptions.All.Where(s => s.EventTypes.Contains(name))
            : subscriptions.All.Where(s => s.Wants(name));
    }

    private static ImmutableList<CommandKeyRecord> Remember(ImmutableList<CommandKeyRecord> keys, CommandKeyRecord record)
    {
        var kept = keys.Count < CommandKeyRecord.MaxPerTicket ? keys : keys.RemoveRange(0, keys.Count - CommandKeyRecord.MaxPerTicket + 1);
        return kept.Add(record);
    }
}

/// <summary>
/// The context of one ticket decision: the turn's time and policy, the clock whose reminder fires in it
/// (if any), the intake keys to record with it, the intake's keys (for its fingerprint) and the command's
/// idempotency key, and the webhook subscriptions the events go to.
/// </summary>
public sealed record TicketTurnInput(DateTimeOffset Now, TicketPolicy Policy)
{
    public ClockKind? Fired { get; init; }

    public ImmutableArray<IntakeKey> Keys { get; init; } = [];

    public IntakeKeys? Intake { get; init; }

    public CommandKey? CommandKey { get; init; }

    public TicketSubscriptions Subscriptions { get; init; } = TicketSubscriptions.None;

    /// <summary>How the ticket speaks to its customer (templates, channels); none by default.</summary>
    public CustomerMessaging Messaging { get; init; } = CustomerMessaging.None;
}

/// <summary>What a ticket decision answers and, when <see cref="Writes"/>, what the one state write
/// carries: the new state, reminder changes, facts for the customer and merchant (numbered by their event's
/// sequence), webhook deliveries, intake keys and the query row.</summary>
public sealed record TicketTurnResult(
    TicketOutcome Outcome,
    TicketGrainState State,
    bool Writes,
    ReminderPlan Reminders,
    ImmutableArray<Sequenced<CustomerFact>> CustomerFacts,
    ImmutableArray<Sequenced<MerchantFact>> MerchantFacts,
    ImmutableArray<WebhookDelivery> Webhooks,
    ImmutableArray<IntakeKey> KeysToRecord,
    TicketQueryRow? Row)
{
    /// <summary>The messages to the customer the turn's events ask for, in event order.</summary>
    public ImmutableArray<OutboundMessage> Messages { get; init; } = [];

    internal static TicketTurnResult Unchanged(TicketGrainState state, TicketOutcome outcome) =>
        new(outcome, state, Writes: false, new ReminderPlan([], []), [], [], [], [], null);
}

/// <summary>A fact of a ticket numbered with the sequence of the event it stands for: receivers apply a
/// ticket's facts in this order and drop any at or below the last they applied.</summary>
[GenerateSerializer, Alias("tc.Sequenced`1")]
public sealed record Sequenced<T>([property: Id(0)] long Sequence, [property: Id(1)] T Fact);

/// <summary>An event owed to one webhook subscription.</summary>
public sealed record WebhookDelivery(string SubscriptionId, TicketEvent Event);
