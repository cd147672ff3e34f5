using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Persistence;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// A ticket on Orleans: a shell around <see cref="TicketTurn"/>. A turn decides, writes the state once
/// (ticket, audit trail, keys, and what it owes its customer, merchant and webhook feeds), then moves
/// its clocks' reminders and schedules the push of what it owes; the answer does not wait for receivers.
/// Clocks: <c>TicketGrain.Clocks.cs</c>; deliveries: <c>TicketGrain.Deliveries.cs</c>.
/// Placed on the silo that calls it when it is not active (<see cref="Orleans.Placement.PreferLocalPlacementAttribute"/>): an intake
/// opens its ticket on the node that took the request, and a reminder tick activates its ticket on the silo whose
/// reminder service holds it, so neither pays a hop to another silo (docs/performance.md, "Scale-out"). The load
/// balancer spreads requests and the ring spreads reminders, so tickets stay spread over the silos.
/// </summary>
[GrainType(GrainTypes.Ticket)]
[Orleans.Placement.PreferLocalPlacement]
public sealed partial class TicketGrain(
    [PersistentState(GrainTypes.Ticket, GrainTypes.StorageName)] IPersistentState<TicketGrainState> state,
    TimeProvider time,
    TicketPolicy policy,
    TicketSubscriptions subscriptions,
    IReminderTable reminderTable,
    IOptions<TicketReminderOptions> reminderOptions,
    ILogger<TicketGrain> logger) : Grain, ITicketGrain
{
    private TimeSpan RetryPeriod => reminderOptions.Value.RetryPeriod;

    private string TicketId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The silo's name: the <c>node</c> tag of the ticket's metrics.</summary>
    private string NodeName => ServiceProvider.GetRequiredService<ILocalSiloDetails>().Name;

    /// <summary>The row version of the stored state (its ETag; 0 before the first write).</summary>
    private long RowVersion => long.TryParse(state.Etag, out var version) ? version : 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            // Not awaited here, so the call that activated the grain is not delayed: a one-shot timer.
            ScheduleReconcile();
        }

        return Task.CompletedTask;
    }

    public Task<TicketState?> GetAsync() => Task.FromResult(state.State.Ticket);

    public Task<ImmutableList<TicketEvent>> GetEventsAsync() => Task.FromResult(state.State.Events);

    public Task<IntakeReplay> GetIntakeReplayAsync(IntakeKeys keys) => Task.FromResult(TicketTurn.ReplayOf(state.State, keys));

    public async Task<IntakeTurn> OpenOrMergeAsync(OpenTicket open, string contactId, IntakeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(open);

        // The hint of a new ticket served the activation's read; a read after a refused write must be real.
        NewGrainHint.Clear();
        var opens = state.State.Ticket is null;
        TicketCommand command = opens ? open : TicketTurn.ContactOf(open, contactId);
        var input = Input(Now) with { Keys = TicketKeys.Of(open.Channel, opens ? open.ExternalId : contactId, keys), Intake = keys };
        try
        {
            return new IntakeTurn(await CommitAsync(command, input), opens);
        }
        catch (OrleansException e) when (IntakeKeyConflicts.OwnerOf(e) is { } owner)
        {
            // Nothing of the write was committed (CommitAsync put the state back): the key's owner answers.
            return new IntakeTurn(TicketOutcome.KeyReused(state.State.Ticket), opens, owner);
        }
    }

    public Task<TicketOutcome> ExecuteAsync(TicketCommand command, long? expectedVersion, CommandKey? key)
    {
        ArgumentNullException.ThrowIfNull(command);
        return TicketTurn.Precheck(state.State, expectedVersion, key) is { } answered
            ? Task.FromResult(answered)
            : CommitAsync(command, Input(Now) with { CommandKey = key });
    }

    private TicketTurnInput Input(DateTimeOffset now) => new(now, policy) { Subscriptions = subscriptions, Messaging = Messaging };

    /// <summary>
    /// Decides and, when the decision writes, commits: the state once, then the reminder plan, then the
    /// push is scheduled. A write that meets another ETag (a duplicate activation during a membership
    /// change) reloads and decides once more; a second one escapes and Orleans deactivates the activation.
    /// Any other failed write puts back the state read before (or reloads it: its fate is unknown).
    /// </summary>
    private async Task<TicketOutcome> CommitAsync(TicketCommand command, TicketTurnInput input)
    {
        await RetryReminderChangesAsync();
        var before = state.State.Ticket;
        var turn = TicketTurn.Decide(state.State, command, input);
        if (!turn.Writes)
        {
            return turn.Outcome;
        }

        try
        {
            await WriteAsync(turn);
        }
        catch (InconsistentStateException)
        {
            var existed = state.RecordExists;
            await state.ReadStateAsync();
            if (!existed && state.RecordExists)
            {
                // The activation found no row (a new ticket's hint was wrong, or the row came meanwhile):
                // what the stored state owes is reconciled, as an activation that read it would have.
                ScheduleReconcile();
            }

            before = state.State.Ticket;
            turn = TicketTurn.Decide(state.State, command, input);
            if (!turn.Writes)
            {
                return turn.Outcome;
            }

            await WriteAsync(turn);
        }

        Diagnostics.TicketMetrics.Committed(NodeName, before, turn.State.Ticket!, turn.Outcome.Events);
        Diagnostics.GrainsLog.Committed(logger, TicketId, turn.State.Ticket!.Version, turn.Outcome.Events.Length);
        await ApplyAsync(turn.Reminders);
        SchedulePush(TimeSpan.Zero);
        return turn.Outcome;
    }

    private async Task WriteAsync(TicketTurnResult turn)
    {
        var before = state.State;
        state.State = TicketDeliveries.Owe(turn, RowVersion + 1, subscriptions, opens: before.Ticket is null);
        try
        {
            await state.WriteStateAsync();
            _acknowledgementsUnwritten = false;
        }
        catch (OrleansException e) when (IntakeKeyConflicts.OwnerOf(e) is not null)
        {
            state.State = before;
            throw;
        }
        catch (InconsistentStateException)
        {
            state.State = before;
            throw;
        }
        catch (Exception)
        {
            state.State = before;
            await state.ReadStateAsync();
            throw;
        }
    }

    /// <summary>The clock kinds whose tick is due at <paramref name="now"/>.</summary>
    private ImmutableArray<ClockKind> DueClocks(DateTimeOffset now) =>
        state.State.Ticket is { } ticket
            ? [.. ticket.PendingTicks.Where(t => t.DueAt <= now + TicketReminders.DueTimeTolerance).Select(t => t.Clock)]
            : [];
}
