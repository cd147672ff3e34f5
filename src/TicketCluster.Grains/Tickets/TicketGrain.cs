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

    /// <summary>Idempotency scope of the gateway's <c>Idempotency-Key</c> header.</summary>
    public const string IntakeKeyScope = "intake";

    /// <summary>Idempotency scope of a channel's own message id (one per channel).</summary>
    public static string ChannelScope(Channel channel) => "channel:" + TicketQueryRows.Kebab(channel);

    /// <summary>The ticket, or null before intake.</summary>
    public Task<TicketState?> GetAsync() => Task.FromResult(State.Ticket);

    /// <summary>The audit trail, in order.</summary>
    public Task<ImmutableList<TicketEvent>> GetEventsAsync() => Task.FromResult(State.Events);

    /// <summary>
    /// Opens the ticket. The channel's message id and the gateway's idempotency key (when given) are
    /// recorded in the same write; if another ticket already holds either, the write fails with
    /// <see cref="Runtime.DuplicateIdempotencyKeyException"/> naming it and nothing is written.
    /// </summary>
    public Task<TicketOutcome> OpenAsync(OpenTicket command, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(command);
        return DecideAndCommitAsync(command, Now, null, IntakeKeys(command.Channel, command.ExternalId, idempotencyKey));
    }

    /// <summary>
    /// An intake routed to this ticket: opens it when it does not exist yet, otherwise adds the intake as
    /// a contact (recorded under <paramref name="contactId"/>, with the same keys as an intake). Two
    /// intakes routed here concurrently are serialized by the grain: one opens, the other merges.
    /// </summary>
    public async Task<IntakeTurn> OpenOrMergeAsync(OpenTicket open, string contactId, string? idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        if (State.Ticket is null)
        {
            return new IntakeTurn(await OpenAsync(open, idempotencyKey), Opened: true);
        }

        var contact = new AddContact(open.Channel, contactId, open.Description, open.Evidence) { Actor = open.Actor };
        return new IntakeTurn(await DecideAndCommitAsync(contact, Now, null, IntakeKeys(open.Channel, contactId, idempotencyKey)), Opened: false);
    }

    /// <summary>Sends any other command of the process.</summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command) => ExecuteAsync(command, expectedVersion: null);

    /// <summary>
    /// Sends a command if the ticket is still at <paramref name="expectedVersion"/> (when given): the check
    /// and the decision are one turn, so no other command can slip between them.
    /// </summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command, long? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (expectedVersion is { } expected && State.Ticket is { } ticket && ticket.Version != expected)
        {
            return Task.FromResult(TicketOutcome.Stale(ticket));
        }

        return DecideAndCommitAsync(command, Now, null, []);
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
            await DecideAndCommitAsync(tick, now, clock, []);
        }
        else if (ticket.Clock(clock)?.NextTick() is { } pending)
        {
            // The fired reminder was not the clock's current tick (an older registration racing a
            // re-plan): keep the clock's reminder, which this completion would otherwise remove.
            RegisterOrUpdateReminder(reminderName, pending.DueAt);
        }
    }

    /// <summary>The idempotency keys an intake records: its channel message id and the gateway's key.</summary>
    private static List<(string Scope, string Key)> IntakeKeys(Channel channel, string? externalId, string? idempotencyKey)
    {
        var keys = new List<(string Scope, string Key)>();
        if (!string.IsNullOrEmpty(externalId))
        {
            keys.Add((ChannelScope(channel), externalId));
        }

        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            keys.Add((IntakeKeyScope, idempotencyKey));
        }

        return keys;
    }

    private async Task<TicketOutcome> DecideAndCommitAsync(
        TicketCommand command,
        DateTimeOffset now,
        ClockKind? fired,
        IReadOnlyList<(string Scope, string Key)> keys)
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
        State = new TicketGrainState { Ticket = after, Events = events };
        await WriteStateAsync();
        Diagnostics.TicketMetrics.Committed(NodeId, after!, decision.Events);
        return TicketOutcome.Accepted(after!, decision.Events);
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
