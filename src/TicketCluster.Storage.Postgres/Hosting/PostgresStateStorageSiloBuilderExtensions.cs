using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;

namespace TicketCluster.Storage.Postgres.Hosting;

public static class PostgresStateStorageSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresStateStorage"/> as the grain storage named
    /// <see cref="GrainStorageNames.TicketCluster"/> (a keyed <c>IGrainStorage</c>). It applies the schema
    /// at the silo's first lifecycle stage (a database it cannot open stops the silo with an error naming
    /// <see cref="PostgresStateStorage.ConnectionStringSetting"/>) and writes the extras of the container's
    /// <see cref="IStateWriteProjection"/> when one is registered.
    /// </summary>
    /// <param name="configureGroupCommit">Changes the group commit defaults (two batches in flight).</param>
    /// <param name="applySchemaOnStart">False: the silo's start only checks that the database is not behind
    /// (the schema is applied by <c>schema apply</c> before the rollout).</param>
    public static ISiloBuilder AddTicketClusterPostgresStorage(this ISiloBuilder builder, string connectionString, Action<GroupCommitOptions>? configureGroupCommit = null, bool applySchemaOnStart = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddTicketClusterGrainStorage(
            PostgresStateStorage.DefaultGroupCommit(),
            configureGroupCommit,
            c => new PostgresStateStorage(c.Name, connectionString, c.GroupCommit, c.Projection, c.TimeProvider, c.LoggerFactory.CreateLogger<PostgresStateStorage>())
            {
                ApplySchemaOnStart = applySchemaOnStart,
            });
    }
}
