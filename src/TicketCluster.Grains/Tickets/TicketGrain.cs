using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Runtime.Grains;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// A ticket as a virtual grain: a thin shell around the domain. Each turn loads nothing (the activation
/// holds the state), asks <see cref="TicketDecider"/> for events, applies them, and commits in one write
/// the new state, the reminders of its counting clocks, its query row, the facts for its customer and
/// merchant grains and its webhook subscriptions (outbox) and any idempotency keys. Turns are
/// deterministic given state, command and time, so the runtime may run one again after a version conflict.
/// </summary>
public sealed class TicketGrain(TicketPolicy policy, TicketSubscriptions subscriptions) : Grain<TicketGrainState>, IRemindable
{
    public TicketGrain(TicketPolicy policy)
        : this(policy, TicketSubscriptions.None)
    {
    }

    /// <summary>Idempotency scope of the <c>Idempotency-Key</c> header of intakes by
    /// <paramref name="submitter"/>: a key names an intake only among its own submitter's.</summary>
    public static string IntakeKeyScope(string submitter) => "intake:" + submitter;

    /// <summary>Idempotency scope of a channel's own message id, per channel and submitter.</summary>
    public static string ChannelScope(Channel channel, string submitter) => "channel:" + TicketQueryRows.Kebab(channel) + ":" + submitter;

    /// <summary>The key of <see cref="TicketGrainState.IntakeFingerprints"/> for an intake key.</summary>
    public static string IntakeKeyId(string submitter, string idempotencyKey) => IntakeKeyScope(submitter) + "\n" + idempotencyKey;

    /// <summary>The ticket, or null before intake.</summary>
    public Task<TicketState?> GetAsync() => Task.FromResult(State.Ticket);

    /// <summary>The audit trail, in order.</summary>
    public Task<ImmutableList<TicketEvent>> GetEventsAsync() => Task.FromResult(State.Events);

    /// <summary>
    /// The ticket an earlier intake with the same keys was taken into, and whether that intake was
    /// another one than <paramref name="keys"/>' (the same <c>Idempotency-Key</c> with another fingerprint).
    /// </summary>
    public Task<IntakeReplay> GetIntakeReplayAsync(IntakeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var differs = keys.IdempotencyKey is { } key
            && State.IntakeFingerprints.TryGetValue(IntakeKeyId(keys.Submitter, key), out var stored)
            && stored != keys.Fingerprint;
        return Task.FromResult(new IntakeReplay(State.Ticket, differs));
    }

    /// <summary>
    /// Opens the ticket. The channel's message id and the gateway's idempotency key (when given) are
    /// recorded in the same write; if another ticket already holds either, the write fails with
    /// <see cref="Runtime.DuplicateIdempotencyKeyException"/> naming it and nothing is written.
    /// </summary>
    public Task<TicketOutcome> OpenAsync(OpenTicket command, IntakeKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(command);
        return DecideAndCommitAsync(command, Now, null, KeysOf(command.Channel, command.ExternalId, keys), keys);
    }

    /// <summary>
    /// An intake routed to this ticket: opens it when it does not exist yet, otherwise adds the intake as
    /// a contact (recorded under <paramref name="contactId"/>, with the same keys as an intake). Two
    /// intakes routed here concurrently are serialized by the grain: one opens, the other merges.
    /// </summary>
    public async Task<IntakeTurn> OpenOrMergeAsync(OpenTicket open, string contactId, IntakeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (State.Ticket is null)
        {
            return new IntakeTurn(await OpenAsync(open, keys), Opened: true);
        }

        var contact = new AddContact(open.Channel, contactId, open.Description, open.Evidence) { Actor = open.Actor };
        return new IntakeTurn(await DecideAndCommitAsync(contact, Now, null, KeysOf(open.Channel, contactId, keys), keys), Opened: false);
    }

    /// <summary>Sends any other command of the process.</summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command) => ExecuteAsync(command, expectedVersion: null);

    /// <summary>
    /// Sends a command if the ticket is still at <paramref name="expectedVersion"/> (when given): the check
    /// and the decision are one turn, so no other command can slip between them. With an idempotency
    /// <paramref name="key"/> that an earlier accepted command used, nothing is decided: the same command
    /// is answered with the ticket as that command left it (even if the version has moved on since), another
    /// command is refused.
    /// </summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command, long? expectedVersion, CommandKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (key is not null && State.CommandKeys.Find(r => r.Key == key.Key) is { } earlier)
        {
            return Task.FromResult(earlier.Fingerprint == key.Fingerprint
                ? TicketOutcome.Replayed(TicketAt(earlier.Version))
                : TicketOutcome.KeyReused(State.Ticket));
        }

        if (expectedVersion is { } expected && State.Ticket is { } ticket && ticket.Version != expected)
        {
            return Task.FromResult(TicketOutcome.Stale(ticket));
        }

        return DecideAndCommitAsync(command, Now, null, [], null, key);
    }

    /// <summary>
    /// A clock's reminder fired. The tick is decided at no earlier than its due time (the database judged
    /// it due; the node's clock may lag by a few milliseconds). A tick the state no longer waits for
    /// changes nothing; the reminder's completion is still committed.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, DateTimeOffset dueAt)
    {
        if (State.Ticket is not { } ticket || !TicketReminders.TryParse(reminderName, out var clock))
        {
            return;
        }

        if (TicketReminders.CommandFor(ticket, clock, dueAt) is { } tick)
        {
            var now = Now > tick.ScheduledFor ? Now : tick.ScheduledFor;
            await DecideAndCommitAsync(tick, now, clock, [], null);
        }
        else if (ticket.Clock(clock)?.NextTick() is { } pending)
        {
            // The fired reminder was not the clock's current tick (an older registration racing a
            // re-plan): keep the clock's reminder, which this completion would otherwise remove.
            RegisterOrUpdateReminder(reminderName, pending.DueAt);
        }
    }

    /// <summary>The idempotency keys an intake records: its channel message id and the gateway's key,
    /// both in the submitter's own scopes.</summary>
    private static List<(string Scope, string Key)> KeysOf(Channel channel, string? externalId, IntakeKeys? keys)
    {
        var result = new List<(string Scope, string Key)>();
        if (keys is null)
        {
            return result;
        }

        if (!string.IsNullOrEmpty(externalId))
        {
            result.Add((ChannelScope(channel, keys.Submitter), externalId));
        }

        if (!string.IsNullOrEmpty(keys.IdempotencyKey))
        {
            result.Add((IntakeKeyScope(keys.Submitter), keys.IdempotencyKey));
        }

        return result;
    }

    /// <summary>The ticket as it was at <paramref name="version"/>, rebuilt from the audit trail.</summary>
    private TicketState TicketAt(long version) => TicketState.Replay(State.Events.TakeWhile(e => e.Sequence <= version));

    private async Task<TicketOutcome> DecideAndCommitAsync(
        TicketCommand command,
        DateTimeOffset now,
        ClockKind? fired,
        IReadOnlyList<(string Scope, string Key)> keys,
        IntakeKeys? intake,
        CommandKey? commandKey = null)
    {
        var before = State.Ticket;
        var decision = TicketDecider.Decide(before, command, new DecisionContext(now, policy));
        if (decision.Rejection is { } rejection)
        {
            return TicketOutcome.Rejected(before, rejection);
        }

        if (decision.Events.IsEmpty)
        {
            return TicketOutcome.Accepted(before!, []);
        }

        var after = before;
        foreach (var e in decision.Events)
        {
            var next = TicketState.Evolve(after, e);
            PublishFacts(after, next, e);
            PublishToSubscriptions(e);
            after = next;
        }

        var plan = TicketReminders.Plan(before, after!, fired);
        foreach (var tick in plan.Register)
        {
            RegisterOrUpdateReminder(TicketReminders.NameOf(tick.Clock), tick.DueAt);
        }

        foreach (var clock in plan.Unregister)
        {
            UnregisterReminder(TicketReminders.NameOf(clock));
        }

        foreach (var (scope, key) in keys)
        {
            RecordIdempotencyKey(scope, key);
        }

        var events = State.Events.AddRange(decision.Events);
        SetTicketRow(TicketQueryRows.From(after!, events, now));
        State = State with
        {
            Ticket = after,
            Events = events,
            IntakeFingerprints = intake is { IdempotencyKey: { } intakeKey }
                ? State.IntakeFingerprints.SetItem(IntakeKeyId(intake.Submitter, intakeKey), intake.Fingerprint)
                : State.IntakeFingerprints,
            CommandKeys = commandKey is null ? State.CommandKeys : Remember(State.CommandKeys, new CommandKeyRecord(commandKey.Key, commandKey.Fingerprint, after!.Version)),
        };
        await WriteStateAsync();
        Diagnostics.TicketMetrics.Committed(NodeId, after!, decision.Events);
        return TicketOutcome.Accepted(after!, decision.Events);
    }

    private static ImmutableList<CommandKeyRecord> Remember(ImmutableList<CommandKeyRecord> keys, CommandKeyRecord record)
    {
        var kept = keys.Count < CommandKeyRecord.MaxPerTicket ? keys : keys.RemoveRange(0, keys.Count - CommandKeyRecord.MaxPerTicket + 1);
        return kept.Add(record);
    }

    /// <summary>
    /// Publishes <paramref name="e"/> itself to each subscription that wants its type, addressed to the
    /// subscription's feed of this ticket (<see cref="GrainTypes.WebhookId"/>), so one slow or failing
    /// subscriber holds back only its own feed. The message type is the event's name.
    /// </summary>
    private void PublishToSubscriptions(TicketEvent e)
    {
        if (subscriptions.All.IsEmpty)
        {
            return;
        }

        var name = TicketEventNames.NameOf(e);
        foreach (var subscription in subscriptions.All)
        {
            if (subscription.Wants(name))
            {
                var target = GrainTypes.WebhookId(subscription.Id, e.TicketId);
                Publish(target, name, e, TicketFeeds.OutboxId(e.EventId, target.ToString()));
            }
        }
    }

    /// <summary>Publishes the facts <paramref name="e"/> means to the ticket's customer and merchant;
    /// <paramref name="before"/> and <paramref name="after"/> are the ticket either side of it.</summary>
    private void PublishFacts(TicketState? before, TicketState after, TicketEvent e)
    {
        if (TicketFeeds.ForCustomer(after, e) is { } customerFact)
        {
            var target = GrainTypes.CustomerId(after.Customer.Id);
            Publish<Domain.Parties.CustomerFact>(target, TicketFeeds.CustomerFactType, customerFact, TicketFeeds.OutboxId(e.EventId, target.ToString()));
        }

        if (TicketFeeds.ForMerchant(before, e) is { } merchantFact)
        {
            var target = GrainTypes.MerchantId(after.Order.MerchantId);
            Publish<Domain.Parties.MerchantFact>(target, TicketFeeds.MerchantFactType, merchantFact, TicketFeeds.OutboxId(e.EventId, target.ToString()));
        }
    }
}
