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

    /// <summary>Tolerance when matching a stored due time against the state's tick: databases keep
    /// microseconds (PostgreSQL) where .NET keeps 100 ns ticks.</summary>
    public static readonly TimeSpan DueTimeTolerance = TimeSpan.FromMilliseconds(1);

    public static string NameOf(ClockKind clock) => Prefix + clock;

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
    /// nothing, removal. <paramref name="dueAt"/> is the due time the firing reminder was registered for,
    /// when the engine knows it exactly (the legacy runtime): a firing for another due time is then not
    /// the tick, even when the tick is due.
    /// </summary>
    public static ReminderFiring OnFired(TicketState? ticket, string reminderName, DateTimeOffset now, DateTimeOffset? dueAt = null)
    {
        if (ticket is null || !TryParse(reminderName, out var clock))
        {
            return ReminderFiring.Ignore;
        }

        if (ticket.Clock(clock)?.NextTick() is not { } tick)
        {
            return ReminderFiring.Remove(clock);
        }

        var isTheTick = dueAt is { } registered
            ? (tick.DueAt - registered).Duration() <= DueTimeTolerance
            : tick.DueAt <= now + DueTimeTolerance;
        if (!isTheTick)
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

public enum ReminderFiringKind
{
    Ignore,
    Decide,
    Move,
    Remove,
}
