using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using TicketCluster.Storage.Sqlite.Reminders;

namespace TicketCluster.Storage.Sqlite.Hosting;

public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>Adds Orleans' reminder service to the silo with <see cref="SqliteReminderTable"/> on the node's
    /// SQLite file as its <see cref="IReminderTable"/>; rows are keyed by the silo's
    /// <see cref="ClusterOptions.ServiceId"/>.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp => new SqliteReminderTable(
            connectionString,
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetService<ILogger<SqliteReminderTable>>()));
        return builder;
    }
}
