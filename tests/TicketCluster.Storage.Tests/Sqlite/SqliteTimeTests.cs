using TicketCluster.Storage.Sqlite;

namespace TicketCluster.Storage.Tests.Sqlite;

public sealed class SqliteTimeTests
{
    [Fact]
    public void FromTicks_ToTicks_RoundTripsInUtc()
    {
        var local = new DateTimeOffset(2026, 11, 11, 16, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(local, SqliteTime.FromTicks(SqliteTime.ToTicks(local)));
        Assert.Equal(TimeSpan.Zero, SqliteTime.FromTicks(SqliteTime.ToTicks(local)).Offset);
    }
}
