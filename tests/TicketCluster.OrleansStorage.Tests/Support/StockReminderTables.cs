using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>Orleans' stock ADO.NET reminder tables (<c>UseAdoNetReminderService</c>, invariant <c>Npgsql</c>) on a
/// test database, each taken from a service container registered as a silo registers it; disposing disposes the
/// containers.</summary>
public sealed class StockReminderTables(string database) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _containers = [];

    /// <summary>A started table whose rows are keyed by <paramref name="serviceId"/>.</summary>
    public async Task<IReminderTable> StartAsync(string serviceId, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "contract";
            o.ServiceId = serviceId;
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = OrleansTestSilo.PostgresInvariant;
            o.ConnectionString = database;
        }));
        var container = services.BuildServiceProvider();
        _containers.Add(container);
        var table = container.GetRequiredService<IReminderTable>();
        await table.StartAsync(cancellationToken);
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }
    }
}
