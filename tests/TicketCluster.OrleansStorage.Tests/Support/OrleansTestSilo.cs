using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Testing;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>
/// One real Orleans silo in this process on loopback TCP ports: either with the stock ADO.NET clustering and
/// reminders on a PostgreSQL database the project's schema was applied to, or with localhost clustering and
/// the project's SQLite reminder table, as the two kinds of node will run. Service id <c>ticketcluster</c>,
/// as the product's nodes will use.
/// </summary>
public sealed class OrleansTestSilo : IAsyncDisposable
{
    /// <summary>The Orleans invariant of PostgreSQL in the ADO.NET providers.</summary>
    public const string PostgresInvariant = "Npgsql";

    public const string ServiceId = "ticketcluster";

    private readonly IHost _host;

    private OrleansTestSilo(IHost host, int siloPort)
    {
        _host = host;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's services, for Orleans' own provider objects (its membership table, its reminder table).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>A silo on the stock ADO.NET clustering and reminders over the PostgreSQL database.</summary>
    public static Task<OrleansTestSilo> StartAdoNetAsync(string connectionString, string clusterId, CancellationToken cancellationToken) =>
        StartAsync(
            (silo, siloPort, gatewayPort) =>
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
            },
            cancellationToken);

    /// <summary>A silo as the SQLite node runs: localhost clustering and the project's reminder table on the file.</summary>
    public static Task<OrleansTestSilo> StartSqliteAsync(string connectionString, CancellationToken cancellationToken) =>
        StartAsync(
            (silo, siloPort, gatewayPort) =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: $"sqlite-{Guid.NewGuid():N}");
                silo.UseSqliteReminderService(connectionString);
            },
            cancellationToken);

    private static async Task<OrleansTestSilo> StartAsync(Action<ISiloBuilder, int, int> configure, CancellationToken cancellationToken)
    {
        var ports = LoopbackPorts.Free(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.UseOrleans(silo => configure(silo, siloPort, gatewayPort));

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

        return new OrleansTestSilo(host, siloPort);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
