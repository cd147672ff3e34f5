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

    /// <summary>The command a reminder firing stands for, or null when the state has no matching tick
    /// (the clock stopped, or the tick was already handled): a stale firing changes nothing.</summary>
    public static DeadlineReached? CommandFor(TicketState state, ClockKind clock, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Clock(clock)?.NextTick() is { } tick && (tick.DueAt - dueAt).Duration() <= DueTimeTolerance
            ? new DeadlineReached(clock, tick.Generation, tick.DueAt) { Actor = Actor.System }
            : null;
    }

    private static Dictionary<ClockKind, PendingTick> Ticks(TicketState? state) =>
        state is null ? [] : state.PendingTicks.ToDictionary(t => t.Clock);
}

/// <summary>Reminders to register (at each tick's due time) and to remove.</summary>
public sealed record ReminderPlan(ImmutableArray<PendingTick> Register, ImmutableArray<ClockKind> Unregister);
