using TicketCluster.Storage.Tests.Support;

namespace TicketCluster.Storage.Tests.Sqlite;

public sealed class SqliteStateStorageTests
{
    [Fact]
    public void New_InMemoryDatabase_Throws() =>
        Assert.Throws<ArgumentException>(() => TestProviders.Sqlite("Data Source=:memory:"));
}
