using Microsoft.Extensions.Logging.Abstractions;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;

namespace TicketCluster.Storage.Tests.Support;

/// <summary>The grain storage providers as the silo builds them, on the system clock and without a
/// projection of the write's extras.</summary>
public static class TestProviders
{
    public static SqliteStateStorage Sqlite(string connectionString) =>
        new(GrainStorageNames.TicketCluster, connectionString, SqliteStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<SqliteStateStorage>.Instance);

    public static PostgresStateStorage Postgres(string connectionString, GroupCommitOptions? groupCommit = null) =>
        new(GrainStorageNames.TicketCluster, connectionString, groupCommit ?? PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);
}
