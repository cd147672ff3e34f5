using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Sla;

/// <summary>
/// One clock of a ticket. Time counted so far is <see cref="Elapsed"/> plus, while running, the time since
/// <see cref="RunningSince"/>; a paused clock keeps <see cref="Elapsed"/> and has no running start.
/// <see cref="StagesReached"/> counts the stages of <see cref="ClockRules.StagesOf"/> already handled.
/// Time is counted on <see cref="Calendar"/>: its business time, or wall-clock time when it has none.
/// </summary>
public sealed record SlaClock(
    ClockKind Kind,
    int Generation,
    ClockStatus Status,
    TimeSpan Window,
    EscalationThresholds Thresholds,
    TimeSpan Elapsed,
    DateTimeOffset? RunningSince,
    int StagesReached,
    DateTimeOffset StartedAt,
    DateTimeOffset? BreachedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>The calendar the clock counts on, chosen when it started (or was re-planned); null for
    /// wall-clock time in UTC, which is also what a clock stored before calendars existed reads as.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BusinessCalendar? Calendar { get; init; }

    /// <summary>The calendar in effect: <see cref="Calendar"/> or wall-clock.</summary>
    [JsonIgnore]
    public BusinessCalendar CountsOn => Calendar ?? BusinessCalendar.WallClock;

    /// <summary>Counting now: running or breached and not paused.</summary>
    public bool IsCounting => Status is ClockStatus.Running or ClockStatus.Breached;

    /// <summary>Not over yet: counting or paused.</summary>
    public bool IsOpen => IsCounting || Status == ClockStatus.Paused;

    public TimeSpan ElapsedAt(DateTimeOffset now) =>
        RunningSince is { } since && now > since ? Elapsed + CountsOn.Elapsed(since, now) : Elapsed;

    /// <summary>When the window ends if the clock keeps running; null when it is not counting.</summary>
    public DateTimeOffset? DueAt => RunningSince is { } since ? CountsOn.AddBusinessTime(since, Window - Elapsed) : null;

    /// <summary>
    /// The next stage to handle and when it falls due; null when the clock is not counting or has no stage
    /// left. The due time is rounded up to a whole millisecond: reminder tables keep milliseconds or
    /// microseconds, and a tick comes back with the due time it was stored with, which must still match.
    /// </summary>
    public PendingTick? NextTick()
    {
        var stages = ClockRules.StagesOf(Kind);
        if (!IsCounting || RunningSince is not { } since || StagesReached >= stages.Length)
        {
            return null;
        }

        var stage = stages[StagesReached];
        return new PendingTick(Kind, Generation, stage, CeilingToMillisecond(CountsOn.AddBusinessTime(since, Thresholds.OffsetOf(stage, Window) - Elapsed)));
    }

    private static DateTimeOffset CeilingToMillisecond(DateTimeOffset at)
    {
        var remainder = at.Ticks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 ? at : at.AddTicks(TimeSpan.TicksPerMillisecond - remainder);
    }
}
