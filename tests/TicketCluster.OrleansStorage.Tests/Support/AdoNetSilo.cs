using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>
/// One real Orleans silo in this process on loopback TCP ports, with the stock ADO.NET clustering and
/// reminders on a PostgreSQL database the project's schema was applied to. Service id
/// <c>ticketcluster</c>, as the product's nodes will use.
/// </summary>
public sealed class AdoNetSilo : IAsyncDisposable
{
    /// <summary>The Orleans invariant of PostgreSQL in the ADO.NET providers.</summary>
    public const string PostgresInvariant = "Npgsql";

    public const string ServiceId = "ticketcluster";

    private readonly IHost _host;

    private AdoNetSilo(IHost host, int siloPort)
    {
        _host = host;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services, for Orleans' own provider objects (its membership table, its reminder table).</summary>
    public IServiceProvider Services => _host.Services;

    public static async Task<AdoNetSilo> StartAsync(string connectionString, string clusterId, CancellationToken cancellationToken)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new AdoNetSilo(host, siloPort);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
