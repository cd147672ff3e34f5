namespace TicketCluster.Storage.Sqlite;

/// <summary>Times are stored as UTC ticks; periodic reminders are rescheduled by <see cref="NextDue"/>.</summary>
internal static class SqliteTime
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>The first tick of a periodic reminder strictly after <paramref name="now"/> on its grid
    /// (<paramref name="due"/> + k × <paramref name="period"/>, k ≥ 0): missed ticks are not replayed,
    /// the reminder fires once late and then keeps its phase. The same rule as the runtime's
    /// <c>ReminderSchedule.NextDueAfter</c> and PostgreSQL's <c>tc_next_due</c>.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset due, TimeSpan period, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (due > now)
        {
            return due;
        }

        var periods = ((now - due).Ticks / period.Ticks) + 1;
        return due + TimeSpan.FromTicks(periods * period.Ticks);
    }
}
