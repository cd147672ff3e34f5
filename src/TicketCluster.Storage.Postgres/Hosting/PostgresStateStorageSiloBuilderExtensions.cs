using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Commit;
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
    /// <see cref="IStateWriteProjection"/> when one is registered. Its writes go through the
    /// <see cref="PostgresWriteChannel"/> registered for <paramref name="connectionString"/> (a keyed singleton,
    /// the connection string its key), which the reminder table of <c>UsePostgresReminderService</c> on the same
    /// database joins.
    /// </summary>
    /// <param name="configureGroupCommit">Changes the group commit defaults (two batches in flight).</param>
    /// <param name="applySchemaOnStart">False: the silo's start only checks that the database is not behind
    /// (the schema is applied by <c>schema apply</c> before the rollout).</param>
    public static ISiloBuilder AddTicketClusterPostgresStorage(this ISiloBuilder builder, string connectionString, Action<GroupCommitOptions>? configureGroupCommit = null, bool applySchemaOnStart = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var groupCommit = PostgresStateStorage.DefaultGroupCommit();
        builder.Services.AddKeyedSingleton(connectionString, (sp, _) => new PostgresWriteChannel(
            connectionString,
            groupCommit,
            sp.GetService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PostgresWriteChannel>()));
        return builder.AddTicketClusterGrainStorage(
            groupCommit,
            configureGroupCommit,
            c => new PostgresStateStorage(
                c.Name,
                connectionString,
                c.GroupCommit,
                c.Projection,
                c.TimeProvider,
                c.LoggerFactory.CreateLogger<PostgresStateStorage>(),
                c.Services.GetRequiredKeyedService<PostgresWriteChannel>(connectionString))
            {
                ApplySchemaOnStart = applySchemaOnStart,
            });
    }
}
