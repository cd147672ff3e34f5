using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;

namespace TicketCluster.Storage.Sqlite.Hosting;

public static class SqliteStateStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteStateStorage"/> as the grain storage named
    /// <see cref="GrainStorageNames.TicketCluster"/> (a keyed <c>IGrainStorage</c>). It applies the schema
    /// at the silo's first lifecycle stage, writes the extras of the container's
    /// <see cref="IStateWriteProjection"/> when one is registered, and stamps rows with the container's
    /// <see cref="TimeProvider"/> (the system clock when none is registered).
    /// </summary>
    /// <param name="configureGroupCommit">Changes the group commit defaults (one batch at a time).</param>
    public static ISiloBuilder AddTicketClusterSqliteStorage(this ISiloBuilder builder, string connectionString, Action<GroupCommitOptions>? configureGroupCommit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddTicketClusterGrainStorage(
            SqliteStateStorage.DefaultGroupCommit(),
            configureGroupCommit,
            c => new SqliteStateStorage(c.Name, connectionString, c.GroupCommit, c.Projection, c.TimeProvider, c.LoggerFactory.CreateLogger<SqliteStateStorage>()));
    }
}
