using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Webhooks;
using TicketCluster.Storage.Commit;
using TicketCluster.Storage.Postgres.Hosting;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Testing;

namespace TicketCluster.Benchmarks;

/// <summary>
/// One Orleans 10.4.2 silo in this process on loopback ports, hosting the product's grains as a node does:
/// on PostgreSQL the project's grain storage provider and reminder table with the stock ADO.NET clustering; on
/// SQLite the project's provider and reminder table with localhost clustering. Service id
/// <c>ticketcluster</c>; a cluster id of its own per silo, so runs on one database do not meet, unless the caller
/// gives silos one cluster id to form a cluster (the scale-out case). No log
/// output (the host has no logging provider): the benchmarks print their own progress.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public const string ServiceId = "ticketcluster";
    private const string PostgresInvariant = "Npgsql";

    /// <summary>The node's default reminder period (<c>TicketCluster:Orleans:Reminders:RetryPeriod</c>).</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(10);

    /// <summary>The node's virtual buckets per silo on the reminders' ring (<c>TicketCluster:Orleans:Reminders:RingBucketsPerSilo</c>).</summary>
    public const int RingBucketsPerSilo = 256;

    /// <summary>The node's bound on the grain directory cache (<c>TicketCluster:Orleans:GrainDirectory:CacheSize</c>).</summary>
    public const int GrainDirectoryCacheSize = 100_000;

    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The project's grain storage provider of the silo, for writes that bypass the grains.</summary>
    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(GrainTypes.StorageName);

    /// <summary>A silo over the PostgreSQL database (<paramref name="connectionString"/>), with the node's reminder
    /// table (the project's, group committed) or, when <paramref name="stockReminders"/>, Orleans' stock ADO.NET
    /// table on the same rows. Silos given one <paramref name="clusterId"/> join one cluster through the membership
    /// table.</summary>
    public static Task<BenchSilo> StartPostgresAsync(string connectionString, Action<GroupCommitOptions>? groupCommit = null, Action<ISiloBuilder>? more = null, bool stockReminders = false, string? clusterId = null) =>
        StartAsync(
            (silo, siloPort, gatewayPort) =>
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId ?? NewClusterId();
                    o.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresInvariant;
                    o.ConnectionString = connectionString;
                });
                if (stockReminders)
                {
                    silo.UseAdoNetReminderService(o =>
                    {
                        o.Invariant = PostgresInvariant;
                        o.ConnectionString = connectionString;
                    });
                }
                else
                {
                    silo.UsePostgresReminderService(connectionString);
                }

                silo.AddTicketClusterPostgresStorage(connectionString, groupCommit);
                more?.Invoke(silo);
            });

    /// <summary>A silo as the SQLite node runs, on the file of <paramref name="connectionString"/>.</summary>
    public static Task<BenchSilo> StartSqliteAsync(string connectionString, Action<GroupCommitOptions>? groupCommit = null, Action<ISiloBuilder>? more = null) =>
        StartAsync(
            (silo, siloPort, gatewayPort) =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: NewClusterId());
                silo.UseSqliteReminderService(connectionString);
                silo.AddTicketClusterSqliteStorage(connectionString, groupCommit);
                more?.Invoke(silo);
            });

    private static async Task<BenchSilo> StartAsync(Action<ISiloBuilder, int, int> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var ports = LoopbackPorts.Free(2);
            configure(silo, ports[0], ports[1]);
            // The node's reminder settings: a clock's period (its retry after a missed tick) of 10 s, and its ring.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = RetryPeriod);
            silo.Configure<ConsistentRingOptions>(o => o.NumVirtualBucketsConsistentRing = RingBucketsPerSilo);
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = GrainDirectoryCacheSize);
            silo.Services.Configure<TicketReminderOptions>(o => o.RetryPeriod = RetryPeriod);
            silo.Services.AddTicketClusterGrains();
            silo.Services.AddSingleton<IWebhookSender, NoWebhooks>();
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new BenchSilo(host);
    }

    /// <summary>A cluster id no earlier run on the database used.</summary>
    public static string NewClusterId() => $"bench-{Guid.NewGuid():N}";

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();

        // The silo's idle pooled connections would stay open and add up over a run's many silos on one server.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The benchmarks subscribe no webhook; a send would be a mistake of the set-up.</summary>
    private sealed class NoWebhooks : IWebhookSender
    {
        public Task SendAsync(string subscriptionId, TicketEvent ticketEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The benchmarks subscribe no webhook.");
    }
}
