using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite.Hosting;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SqliteGrainStorage"/> as the singleton <see cref="IGrainStorage"/>,
    /// judging time by the container's <see cref="TimeProvider"/> (the system clock when none is
    /// registered).</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddSingleton<IGrainStorage>(sp => new SqliteGrainStorage(
            connectionString,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<SqliteGrainStorage>>()));
    }
}
