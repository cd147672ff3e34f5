using TicketCluster.Storage.Sqlite;

namespace TicketCluster.Storage.Tests.Sqlite;

public sealed class SqliteTimeTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-30, 0)]    // not yet due: stays
    [InlineData(0, 60)]     // exactly at due: strictly after now
    [InlineData(10, 60)]
    [InlineData(60, 120)]   // exactly one period late: the next one
    [InlineData(185, 240)]  // missed ticks are skipped, the phase is kept
    public void NextDue_MinutesAfterDue_FirstTickStrictlyAfterNow(int minutesLate, int expectedMinutesAfterDue)
    {
        var next = SqliteTime.NextDue(Due, TimeSpan.FromHours(1), Due.AddMinutes(minutesLate));

        Assert.Equal(Due.AddMinutes(expectedMinutesAfterDue), next);
    }

    [Fact]
    public void NextDue_NonPositivePeriod_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteTime.NextDue(Due, TimeSpan.Zero, Due));

    [Fact]
    public void FromTicks_ToTicks_RoundTripsInUtc()
    {
        var local = new DateTimeOffset(2026, 11, 11, 16, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(local, SqliteTime.FromTicks(SqliteTime.ToTicks(local)));
        Assert.Equal(TimeSpan.Zero, SqliteTime.FromTicks(SqliteTime.ToTicks(local)).Offset);
    }
}
