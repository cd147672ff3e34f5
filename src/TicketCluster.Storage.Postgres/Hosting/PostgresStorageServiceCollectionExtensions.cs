using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres.Hosting;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PostgresGrainStorage"/> as the singleton <see cref="IGrainStorage"/>;
    /// the container disposes it (and its connection pool) on shutdown.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddSingleton<IGrainStorage>(sp =>
            new PostgresGrainStorage(connectionString, sp.GetService<ILogger<PostgresGrainStorage>>()));
    }
}
