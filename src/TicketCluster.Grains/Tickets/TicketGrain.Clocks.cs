using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;
using TicketCluster.Grains.Diagnostics;

namespace TicketCluster.Grains.Tickets;

/// <summary>The ticket's clocks on Orleans reminders: one reminder per counting clock
/// (<see cref="TicketReminders"/>), decided from the state's own ticks; reconciliation.</summary>
public sealed partial class TicketGrain
{
    /// <summary>A reminder change failed after a committed turn: reconcile before the next decision.</summary>
    private bool _remindersBehind;

    /// <summary>
    /// A clock's reminder fired. The state's pending tick decides (<see cref="TicketReminders.OnFired"/>),
    /// not <paramref name="status"/>: a tick that is due is decided at no earlier than its due time and
    /// catches up every stage due meanwhile; an early or repeated firing changes nothing and moves the
    /// reminder to the pending tick; a clock that waits for nothing loses its reminder.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var firing = TicketReminders.OnFired(state.State.Ticket, reminderName, Now);
        switch (firing.Kind)
        {
            case ReminderFiringKind.Decide:
                await CommitAsync(firing.Command!, Input(firing.At) with { Fired = firing.Clock });
                break;
            case ReminderFiringKind.Move:
                await ChangeReminderAsync(reminderName, () => this.RegisterOrUpdateReminder(reminderName, TicketReminders.DueIn(firing.Pending!.Value.DueAt, Now), RetryPeriod));
                break;
            default:
                await ChangeReminderAsync(reminderName, () => RemoveReminderAsync(reminderName));
                break;
        }
    }

    public async Task ReconcileAsync()
    {
        var decided = 0;
        foreach (var clock in DueClocks(Now))
        {
            var firing = TicketReminders.OnFired(state.State.Ticket, TicketReminders.NameOf(clock), Now);
            if (firing.Kind == ReminderFiringKind.Decide)
            {
                await CommitAsync(firing.Command!, Input(firing.At) with { Fired = firing.Clock });
                decided++;
            }
        }

        var (registered, removed) = await ReconcileRemindersAsync();
        if (registered + removed + decided > 0)
        {
            GrainsLog.Reconciled(logger, TicketId, registered, removed, decided);
        }

        await PushAsync();
    }

    private void ScheduleReconcile() =>
        this.RegisterGrainTimer(
            _ => ReconcileAsync(),
            new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan, Interleave = false });

    /// <summary>Reads the grain's reminder rows and registers missing, moves wrong and removes stray ones.</summary>
    private async Task<(int Registered, int Removed)> ReconcileRemindersAsync()
    {
        var rows = await reminderTable.ReadRows(this.GetGrainId());
        var reminderClock = ServiceProvider.GetKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders) ?? time;
        var now = Now;
        var plan = TicketReminders.Reconcile(
            state.State.Ticket,
            rows.Reminders.Select(r => new RegisteredReminder(r.ReminderName, new DateTimeOffset(DateTime.SpecifyKind(r.StartAt, DateTimeKind.Utc)), r.Period)),
            reminderClock.GetUtcNow() - now,
            RetryPeriod);
        _remindersBehind = false;
        await Task.WhenAll(
            plan.Register.Select(t => RegisterAsync(t.Clock, t.DueAt, now))
                .Concat(plan.Remove.Select(name => ChangeReminderAsync(name, () => RemoveReminderAsync(name)))));
        return (plan.Register.Length, plan.Remove.Length);
    }

    /// <summary>Applies a committed turn's reminder plan, all changes at once.</summary>
    private Task ApplyAsync(ReminderPlan plan)
    {
        var now = Now;
        return Task.WhenAll(
            plan.Register.Select(t => RegisterAsync(t.Clock, t.DueAt, now))
                .Concat(plan.Unregister.Select(c => TicketReminders.NameOf(c)).Select(name => ChangeReminderAsync(name, () => RemoveReminderAsync(name)))));
    }

    private Task RegisterAsync(Domain.Sla.ClockKind clock, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var name = TicketReminders.NameOf(clock);
        return ChangeReminderAsync(name, () => this.RegisterOrUpdateReminder(name, TicketReminders.DueIn(dueAt, now), RetryPeriod));
    }

    private async Task RemoveReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// A reminder change after the state is committed: a failure must not fail the committed turn, so it is
    /// logged and remembered, and the reminders are reconciled before the next decision (or by the sweeper,
    /// should the activation go first).
    /// </summary>
    private async Task ChangeReminderAsync(string name, Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _remindersBehind = true;
            TicketMetrics.ReminderChangeFailed(NodeName, name);
            GrainsLog.ReminderChangeFailed(logger, TicketId, name, e);
        }
    }

    private async Task RetryReminderChangesAsync()
    {
        if (_remindersBehind)
        {
            await ReconcileRemindersAsync();
        }
    }
}
