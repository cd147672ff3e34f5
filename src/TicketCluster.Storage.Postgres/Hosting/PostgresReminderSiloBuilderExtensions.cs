using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Commit;
using TicketCluster.Storage.Postgres.Reminders;

namespace TicketCluster.Storage.Postgres.Hosting;

public static class PostgresReminderSiloBuilderExtensions
{
    /// <summary>Adds Orleans' reminder service to the silo with <see cref="PostgresReminderTable"/> (group commit
    /// over the stock ADO.NET table's layout, <c>orleansreminderstable</c>) as its <see cref="IReminderTable"/>; rows
    /// are keyed by the silo's <see cref="ClusterOptions.ServiceId"/>. It replaces <c>UseAdoNetReminderService</c>
    /// on the same rows: no data changes. When the silo's grain storage is <c>AddTicketClusterPostgresStorage</c> on
    /// the same connection string, the table's changes join its <see cref="PostgresWriteChannel"/>: reminder rows
    /// and state writes queued at the same time share one batch and one commit.</summary>
    /// <param name="configureGroupCommit">Changes the group commit defaults (two batches in flight) of a table
    /// with a channel of its own; a shared channel batches with the grain storage's options.</param>
    public static ISiloBuilder UsePostgresReminderService(this ISiloBuilder builder, string connectionString, Action<GroupCommitOptions>? configureGroupCommit = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var groupCommit = PostgresReminderTable.DefaultGroupCommit();
        configureGroupCommit?.Invoke(groupCommit);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp => new PostgresReminderTable(
            connectionString,
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            groupCommit,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<PostgresReminderTable>>(),
            sp.GetKeyedService<PostgresWriteChannel>(connectionString)));
        return builder;
    }
}
