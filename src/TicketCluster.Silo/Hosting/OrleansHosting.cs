using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Configuration;
using TicketCluster.Storage.Migration;
using TicketCluster.Storage.Postgres.Hosting;
using TicketCluster.Storage.Postgres.Migration;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Storage.Sqlite.Migration;

namespace TicketCluster.Silo.Hosting;

/// <summary>
/// The node's Orleans silo, co-hosted on the web application's host (docs/silo.md, "Hosting"): the cluster
/// (service <c>ticketcluster</c>, <c>TicketCluster:Orleans:ClusterId</c>), membership and its failure detection, the grain storage,
/// reminders and ticket queries of the configured database, the grains, their JSON codec, the sweeper and
/// the import of the old runtime's reminders.
/// </summary>
internal static class OrleansHosting
{
    public static WebApplicationBuilder AddOrleansSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        var orleans = settings.Orleans;
        builder.Services.AddTicketClusterGrains(settings.Policy, settings.PartyRetention);
        builder.Services.Configure<TicketReminderOptions>(o => o.RetryPeriod = orleans.RemindersRetryPeriod);
        builder.Services.Configure<ReminderDeliveryOptions>(o => o.MaxConcurrentDeliveries = orleans.RemindersMaxConcurrentDeliveries);
        builder.Services.AddTicketSweeper(o =>
        {
            o.Period = orleans.SweeperPeriod;
            o.Grace = orleans.SweeperGrace;
        });

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = OrleansSettings.ServiceId;
                o.ClusterId = orleans.ClusterId;
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = orleans.MembershipProbeTimeout;
                o.NumMissedProbesLimit = orleans.MembershipNumMissedProbesLimit;
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = orleans.RemindersMinimumPeriod);
            silo.Configure<ConsistentRingOptions>(o => o.NumVirtualBucketsConsistentRing = orleans.RemindersRingBucketsPerSilo);
            silo.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = orleans.CollectionAge;
                o.EnableActivationSheddingOnMemoryPressure = orleans.ActivationShedding;
                o.MemoryUsageLimitPercentage = orleans.MemoryUsageLimitPercentage;
                o.MemoryUsageTargetPercentage = orleans.MemoryUsageTargetPercentage;
                o.MemoryUsagePollingPeriod = orleans.MemoryUsagePollingPeriod;
            });
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = orleans.GrainDirectoryCacheSize);
            switch (settings.Storage.Kind)
            {
                case StorageKind.Postgres:
                    // The machine's address, found by its host name (Kubernetes hosting replaces it by the pod's).
                    silo.ConfigureEndpoints(siloPort: orleans.SiloPort, gatewayPort: orleans.GatewayPort);
                    silo.UseAdoNetClustering(o =>
                    {
                        o.Invariant = "Npgsql";
                        o.ConnectionString = settings.ConnectionString;
                    });
                    silo.AddTicketClusterPostgresStorage(settings.ConnectionString, settings.Storage.GroupCommit.ApplyTo, settings.Storage.ApplySchemaOnStart);
                    silo.UsePostgresReminderService(settings.ConnectionString);
                    if (orleans.Kubernetes)
                    {
                        silo.UseKubernetesHosting();
                    }

                    break;
                default:
                    if (settings.Storage.ConnectionString is null)
                    {
                        Directory.CreateDirectory(settings.DataDirectory);
                    }

                    silo.UseLocalhostClustering(siloPort: orleans.SiloPort, gatewayPort: orleans.GatewayPort);
                    silo.AddTicketClusterSqliteStorage(settings.ConnectionString, settings.Storage.GroupCommit.ApplyTo);
                    silo.UseSqliteReminderService(settings.ConnectionString);
                    break;
            }

            silo.AddActivityPropagation();
        });

        // After the silo: the import's first page calls grains.
        builder.Services.AddSingleton<ILegacyReminderSource>(_ => settings.Storage.Kind == StorageKind.Postgres
            ? new PostgresLegacyReminderSource(settings.ConnectionString)
            : new SqliteLegacyReminderSource(settings.ConnectionString));
        builder.Services.AddSingleton<LegacyReminderImport>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LegacyReminderImport>());
        return builder;
    }
}
