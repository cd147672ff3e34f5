using System.Collections.Immutable;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The one-to-one map between a ticket's counting clocks and its durable reminders. Each counting
/// clock has exactly one reminder, named after the clock's kind and due at the clock's next tick (its
/// next escalation stage); a clock that stops counting loses its reminder.
/// </summary>
/// <remarks>
/// The reminder's name carries only the kind: the generation is read back from the state when it fires,
/// and the due time identifies the tick. A re-planned clock whose next tick falls at the very same
/// instant may fire under either generation with the same, correct effect.
/// </remarks>
public static class TicketReminders
{
    private const string Prefix = "clock:";

    /// <summary>How far before its due time a tick counts as due: a firing a hair early (the reminder
    /// service's clock against the grain's) still decides it.</summary>
    public static readonly TimeSpan DueTimeTolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>The default period of a clock's reminder on Orleans (<see cref="TicketReminderOptions.RetryPeriod"/>).</summary>
    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How far a registered reminder's start may lie from its tick before reconciliation moves
    /// it: the registration's own delay (the due time is computed before the reminder service takes it).</summary>
    public static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(5);

    public static string NameOf(ClockKind clock) => Prefix + clock;

    /// <summary>The delay after <paramref name="now"/> at which a reminder for <paramref name="dueAt"/> is
    /// registered: never negative (a past tick fires at once).</summary>
    public static TimeSpan DueIn(DateTimeOffset dueAt, DateTimeOffset now) => dueAt > now ? dueAt - now : TimeSpan.Zero;

    /// <summary>
    /// The reminder changes that bring <paramref name="registered"/> (the grain's rows in the reminder
    /// table) in line with <paramref name="ticket"/>'s pending ticks: a clock's reminder is missing, or
    /// wrong when its start is not the tick (beyond <see cref="StartTolerance"/>, in the reminder
    /// service's clock, <paramref name="reminderClockOffset"/> ahead of the grain's) or its period is not
    /// <paramref name="retryPeriod"/>; any other reminder of the grain is stray. Ticks already due are left to the
    /// decision (<see cref="OnFired"/>), which moves their reminders itself.
    /// </summary>
    public static ReminderReconciliation Reconcile(TicketState? ticket, IEnumerable<RegisteredReminder> registered, TimeSpan reminderClockOffset, TimeSpan retryPeriod)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var ticks = Ticks(ticket);
        var rows = registered.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var register = ImmutableArray.CreateBuilder<PendingTick>();
        foreach (var tick in ticks.Values.OrderBy(t => t.Clock))
        {
            if (!rows.TryGetValue(NameOf(tick.Clock), out var row)
                || row.Period != retryPeriod
                || (row.StartAt - (tick.DueAt + reminderClockOffset)).Duration() > StartTolerance)
            {
                register.Add(tick);
            }
        }

        var remove = rows.Keys
            .Where(name => !TryParse(name, out var clock) || !ticks.ContainsKey(clock))
            .Order(StringComparer.Ordinal);
        return new ReminderReconciliation(register.ToImmutable(), [.. remove]);
    }

    public static bool TryParse(string reminderName, out ClockKind clock)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        clock = default;
        return reminderName.StartsWith(Prefix, StringComparison.Ordinal)
            && Enum.TryParse(reminderName.AsSpan(Prefix.Length), ignoreCase: false, out clock)
            && Enum.IsDefined(clock);
    }

    /// <summary>
    /// The reminder changes that take the registered set from <paramref name="before"/>'s ticks to
    /// <paramref name="after"/>'s. <paramref name="fired"/> names the clock whose reminder fires in this
    /// turn: its reminder is being completed (removed), so it is registered again whenever the clock
    /// still has a tick.
    /// </summary>
    public static ReminderPlan Plan(TicketState? before, TicketState after, ClockKind? fired)
    {
        ArgumentNullException.ThrowIfNull(after);
        var old = Ticks(before);
        var next = Ticks(after);
        var register = ImmutableArray.CreateBuilder<PendingTick>();
        var unregister = ImmutableArray.CreateBuilder<ClockKind>();
        foreach (var (clock, tick) in next)
        {
            if (clock == fired || !old.TryGetValue(clock, out var previous) || previous.DueAt != tick.DueAt)
            {
                register.Add(tick);
            }
        }

        foreach (var clock in old.Keys)
        {
            if (!next.ContainsKey(clock))
            {
                unregister.Add(clock);
            }
        }

        return new ReminderPlan(register.ToImmutable(), unregister.ToImmutable());
    }

    /// <summary>
    /// What a reminder firing at <paramref name="now"/> means for <paramref name="ticket"/>, judged from the
    /// ticket's own pending tick and never from the firing (a hint): the tick's deadline command when the
    /// tick is due (<see cref="DueTimeTolerance"/> early at most), to be decided at no earlier than its due
    /// time; otherwise the pending tick the reminder should be moved to; or, when the clock waits for
    /// nothing, removal.
    /// </summary>
    public static ReminderFiring OnFired(TicketState? ticket, string reminderName, DateTimeOffset now)
    {
        if (ticket is null || !TryParse(reminderName, out var clock))
        {
            return ReminderFiring.Ignore;
        }

        if (ticket.Clock(clock)?.NextTick() is not { } tick)
        {
            return ReminderFiring.Remove(clock);
        }

        if (tick.DueAt > now + DueTimeTolerance)
        {
            return ReminderFiring.Move(clock, tick);
        }

        var command = new DeadlineReached(clock, tick.Generation, tick.DueAt) { Actor = Actor.System };
        return ReminderFiring.Decide(clock, command, now > tick.DueAt ? now : tick.DueAt);
    }

    private static Dictionary<ClockKind, PendingTick> Ticks(TicketState? state) =>
        state is null ? [] : state.PendingTicks.ToDictionary(t => t.Clock);
}

/// <summary>Reminders to register (at each tick's due time) and to remove.</summary>
public sealed record ReminderPlan(ImmutableArray<PendingTick> Register, ImmutableArray<ClockKind> Unregister)
{
    public static ReminderPlan None { get; } = new([], []);
}

/// <summary>What a reminder firing means (<see cref="TicketReminders.OnFired"/>): nothing; decide the
/// clock's due tick at <see cref="At"/>; move the reminder to the clock's pending tick; or remove it.</summary>
public sealed record ReminderFiring
{
    private ReminderFiring(ReminderFiringKind kind, ClockKind clock, DeadlineReached? command, DateTimeOffset at, PendingTick? pending)
    {
        Kind = kind;
        Clock = clock;
        Command = command;
        At = at;
        Pending = pending;
    }

    public static ReminderFiring Ignore { get; } = new(ReminderFiringKind.Ignore, default, null, default, null);

    public ReminderFiringKind Kind { get; }

    public ClockKind Clock { get; }

    /// <summary>The deadline command to decide (<see cref="ReminderFiringKind.Decide"/>).</summary>
    public DeadlineReached? Command { get; }

    /// <summary>The decision's time: the firing's, but no earlier than the tick's due time.</summary>
    public DateTimeOffset At { get; }

    /// <summary>The clock's pending tick the reminder moves to (<see cref="ReminderFiringKind.Move"/>).</summary>
    public PendingTick? Pending { get; }

    internal static ReminderFiring Decide(ClockKind clock, DeadlineReached command, DateTimeOffset at) => new(ReminderFiringKind.Decide, clock, command, at, null);

    internal static ReminderFiring Move(ClockKind clock, PendingTick pending) => new(ReminderFiringKind.Move, clock, null, default, pending);

    internal static ReminderFiring Remove(ClockKind clock) => new(ReminderFiringKind.Remove, clock, null, default, null);
}

/// <summary>A reminder as the reminder table holds it: its name, first tick and period.</summary>
public sealed record RegisteredReminder(string Name, DateTimeOffset StartAt, TimeSpan Period);

/// <summary>Reminders to register or move (at each tick's due time) and reminder names to remove.</summary>
public sealed record ReminderReconciliation(ImmutableArray<PendingTick> Register, ImmutableArray<string> Remove);

public enum ReminderFiringKind
{
    Ignore,
    Decide,
    Move,
    Remove,
}

/// <summary>The ticket's reminders (<c>TicketCluster:Orleans:Reminders</c> in the Silo).</summary>
public sealed class TicketReminderOptions
{
    /// <summary>The period of a clock's reminder, which Orleans has no one-shot form of: the retry of a tick
    /// that did not take effect (its silo died). A handled tick moves the reminder to the clock's next tick,
    /// so in normal operation no second period elapses. Default 1 min; at least Orleans'
    /// <c>ReminderOptions.MinimumReminderPeriod</c>.</summary>
    public TimeSpan RetryPeriod { get; set; } = TicketReminders.DefaultRetryPeriod;
}
