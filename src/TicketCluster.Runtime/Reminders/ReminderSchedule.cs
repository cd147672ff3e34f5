namespace TicketCluster.Runtime.Reminders;

/// <summary>Scheduling arithmetic for reminders, as pure functions of <c>now</c>.</summary>
public static class ReminderSchedule
{
    /// <summary>
    /// The first tick of a periodic reminder strictly after <paramref name="now"/>, on the reminder's
    /// own grid (<paramref name="dueAt"/> + k × <paramref name="period"/>). Ticks missed while no node
    /// was running are folded into the one that fires (a late tick fires once, not once per missed
    /// period), and the grid does not drift with the lateness of the firing.
    /// </summary>
    public static DateTimeOffset NextDueAfter(DateTimeOffset dueAt, TimeSpan period, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (dueAt > now)
        {
            return dueAt;
        }

        long missed = ((now - dueAt).Ticks / period.Ticks) + 1;
        return dueAt + TimeSpan.FromTicks(missed * period.Ticks);
    }
}
