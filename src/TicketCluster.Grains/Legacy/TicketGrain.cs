using System.Collections.Immutable;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime.Grains;
using IRemindable = TicketCluster.Runtime.Grains.IRemindable;

namespace TicketCluster.Grains.Legacy;

/// <summary>
/// A ticket on the legacy grain runtime: a shell around <see cref="TicketTurn"/>, which decides
/// everything. Each turn commits in one write the new state, the reminders of its counting clocks, its
/// query row, the facts for its customer and merchant grains and its webhook subscriptions (outbox) and
/// any idempotency keys. Turns are deterministic given state, command and time, so the runtime may run
/// one again after a version conflict.
/// </summary>
public sealed class TicketGrain(TicketPolicy policy, TicketSubscriptions subscriptions) : TicketCluster.Runtime.Grains.Grain<TicketGrainState>, IRemindable
{
    public TicketGrain(TicketPolicy policy)
        : this(policy, TicketSubscriptions.None)
    {
    }

    /// <summary>The ticket, or null before intake.</summary>
    public Task<TicketState?> GetAsync() => Task.FromResult(State.Ticket);

    /// <summary>The audit trail, in order.</summary>
    public Task<ImmutableList<TicketEvent>> GetEventsAsync() => Task.FromResult(State.Events);

    /// <summary>The ticket an earlier intake with the same keys was taken into (<see cref="TicketTurn.ReplayOf"/>).</summary>
    public Task<IntakeReplay> GetIntakeReplayAsync(IntakeKeys keys) => Task.FromResult(TicketTurn.ReplayOf(State, keys));

    /// <summary>
    /// Opens the ticket. The channel's message id and the gateway's idempotency key (when given) are
    /// recorded in the same write; if another ticket already holds either, the write fails with
    /// <see cref="Runtime.DuplicateIdempotencyKeyException"/> naming it and nothing is written.
    /// </summary>
    public Task<TicketOutcome> OpenAsync(OpenTicket command, IntakeKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CommitAsync(command, Input(Now) with { Keys = TicketKeys.Of(command.Channel, command.ExternalId, keys), Intake = keys });
    }

    /// <summary>
    /// An intake routed to this ticket: opens it when it does not exist yet, otherwise adds the intake as
    /// a contact (recorded under <paramref name="contactId"/>, with the same keys as an intake). Two
    /// intakes routed here concurrently are serialized by the grain: one opens, the other merges.
    /// </summary>
    public async Task<IntakeTurn> OpenOrMergeAsync(OpenTicket open, string contactId, IntakeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (State.Ticket is null)
        {
            return new IntakeTurn(await OpenAsync(open, keys), Opened: true);
        }

        var contact = TicketTurn.ContactOf(open, contactId);
        var input = Input(Now) with { Keys = TicketKeys.Of(open.Channel, contactId, keys), Intake = keys };
        return new IntakeTurn(await CommitAsync(contact, input), Opened: false);
    }

    /// <summary>Sends any other command of the process.</summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command) => ExecuteAsync(command, expectedVersion: null);

    /// <summary>
    /// Sends a command if the ticket is still at <paramref name="expectedVersion"/> (when given), unless an
    /// earlier command with the same idempotency <paramref name="key"/> answers it (<see cref="TicketTurn.Precheck"/>).
    /// </summary>
    public Task<TicketOutcome> ExecuteAsync(TicketCommand command, long? expectedVersion, CommandKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        return TicketTurn.Precheck(State, expectedVersion, key) is { } answered
            ? Task.FromResult(answered)
            : CommitAsync(command, Input(Now) with { CommandKey = key });
    }

    /// <summary>
    /// A clock's reminder fired (<see cref="TicketReminders.OnFired"/>, matched by the due time the runtime
    /// registered it for). A tick the state no longer waits for changes nothing; the reminder's completion
    /// is still committed.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, DateTimeOffset dueAt)
    {
        var firing = TicketReminders.OnFired(State.Ticket, reminderName, Now, dueAt);
        switch (firing.Kind)
        {
            case ReminderFiringKind.Decide:
                await CommitAsync(firing.Command!, Input(firing.At) with { Fired = firing.Clock });
                break;
            case ReminderFiringKind.Move:
                // The fired reminder was not the clock's current tick (an older registration racing a
                // re-plan): keep the clock's reminder, which this completion would otherwise remove.
                RegisterOrUpdateReminder(reminderName, firing.Pending!.Value.DueAt);
                break;
            default:
                break;
        }
    }

    private TicketTurnInput Input(DateTimeOffset now) => new(now, policy) { Subscriptions = subscriptions };

    private async Task<TicketOutcome> CommitAsync(TicketCommand command, TicketTurnInput input)
    {
        var turn = TicketTurn.Decide(State, command, input);
        if (!turn.Writes)
        {
            return turn.Outcome;
        }

        var ticket = turn.State.Ticket!;
        foreach (var fact in turn.CustomerFacts)
        {
            var target = GrainTypes.CustomerId(ticket.Customer.Id);
            Publish<CustomerFact>(target, TicketFeeds.CustomerFactType, fact.Fact, TicketFeeds.OutboxId(fact.Fact.EventId, target.ToString()));
        }

        foreach (var fact in turn.MerchantFacts)
        {
            var target = GrainTypes.MerchantId(ticket.Order.MerchantId);
            Publish<MerchantFact>(target, TicketFeeds.MerchantFactType, fact.Fact, TicketFeeds.OutboxId(fact.Fact.EventId, target.ToString()));
        }

        foreach (var delivery in turn.Webhooks)
        {
            // One feed per subscription and ticket, so one slow or failing subscriber holds back only its
            // own feed; the message type is the event's name.
            var target = GrainTypes.WebhookId(delivery.SubscriptionId, delivery.Event.TicketId);
            Publish(target, TicketEventNames.NameOf(delivery.Event), delivery.Event, TicketFeeds.OutboxId(delivery.Event.EventId, target.ToString()));
        }

        foreach (var tick in turn.Reminders.Register)
        {
            RegisterOrUpdateReminder(TicketReminders.NameOf(tick.Clock), tick.DueAt);
        }

        foreach (var clock in turn.Reminders.Unregister)
        {
            UnregisterReminder(TicketReminders.NameOf(clock));
        }

        foreach (var key in turn.KeysToRecord)
        {
            RecordIdempotencyKey(key.Scope, key.Key);
        }

        SetTicketRow(turn.Row!);
        State = turn.State;
        await WriteStateAsync();
        Diagnostics.TicketMetrics.Committed(NodeId, ticket, turn.Outcome.Events);
        return turn.Outcome;
    }
}
