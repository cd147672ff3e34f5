namespace TicketCluster.Storage.Sqlite;

/// <summary>Times are stored as UTC ticks; periodic reminders are rescheduled by <see cref="NextDue"/>.</summary>
internal static class SqliteTime
{
    public static long ToTicks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>The first due time of a periodic reminder strictly after <paramref name="now"/>, and at
    /// least one period after <paramref name="due"/>: missed ticks are not replayed, the reminder fires
    /// once late and then keeps its phase.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset due, TimeSpan period, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var periods = now < due ? 1 : ((now - due).Ticks / period.Ticks) + 1;
        return due + TimeSpan.FromTicks(periods * period.Ticks);
    }
}
