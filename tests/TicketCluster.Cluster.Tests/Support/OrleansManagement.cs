using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>Asks the cluster itself, as an Orleans client through the nodes' gateways (found in the
/// membership table), what only Orleans knows: where activations live.</summary>
public static class OrleansManagement
{
    /// <summary>The silos holding an activation of the grain <paramref name="grainType"/>/<paramref name="key"/>.</summary>
    public static async Task<IReadOnlyList<SiloAddress>> ActivationsOfAsync(SiloCluster cluster, string grainType, string key)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        using var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = cluster.ConnectionString;
                });
                client.Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = OrleansSettings.ServiceId;
                    o.ClusterId = cluster.ClusterId;
                });
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        try
        {
            var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            var grain = GrainId.Create(grainType, key);
            var statistics = await management.GetDetailedGrainStatistics();
            return [.. statistics.Where(s => s.GrainId == grain).Select(s => s.SiloAddress)];
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }
}
