using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TicketCluster.Grains.Diagnostics;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// The OTLP export, registered through OpenTelemetry.Extensions.Hosting when an endpoint is configured: the
/// product's source and meter (<see cref="TicketClusterTelemetry.Name"/>), Orleans' sources and meter, ASP.NET Core's server spans and metrics,
/// HttpClient's (webhook deliveries), Npgsql's and the .NET runtime's metrics. The SDK's providers are
/// singletons of the service container, built when the host starts and disposed with the container — after
/// the server and the silo have stopped — so the spans and metrics of the shutdown itself are in the
/// last batch flushed.
/// </summary>
internal static class TelemetryExport
{
    public static void AddOtlpExport(this IServiceCollection services, TelemetrySettings settings)
    {
        var endpoint = settings.OtlpEndpoint ?? throw new InvalidOperationException("No OTLP endpoint is configured.");
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(sp => new NodeResource(settings.ServiceName, sp.GetRequiredService<ILocalSiloDetails>().Name)))
            .WithTracing(tracing => tracing
                .AddSource(TicketClusterTelemetry.ActivitySourceName)
                .AddSource([.. TicketClusterTelemetry.OrleansActivitySources])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => Configure(o, settings, "/v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(TicketClusterTelemetry.MeterName, TicketClusterTelemetry.OrleansMeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, settings, "/v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
                }));
        services.AddHostedService(sp => new ExportAnnouncement(
            settings.OtlpProtocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf",
            endpoint,
            sp.GetRequiredService<ILogger<ExportAnnouncement>>()));
    }

    private static void Configure(OtlpExporterOptions options, TelemetrySettings settings, string httpPath)
    {
        options.Protocol = settings.OtlpProtocol;
        options.Endpoint = settings.SignalEndpoint(httpPath);
    }

    /// <summary><c>service.name</c> and <c>service.instance.id</c> = the silo name, over the SDK's defaults.</summary>
    private sealed class NodeResource(string serviceName, string nodeId) : IResourceDetector
    {
        public Resource Detect() => ResourceBuilder.CreateEmpty().AddService(serviceName, serviceInstanceId: nodeId).Build();
    }

    /// <summary>Says once, at start, where telemetry goes.</summary>
    private sealed class ExportAnnouncement(string protocol, Uri endpoint, ILogger<ExportAnnouncement> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            SiloTelemetryLog.ExportingTo(logger, protocol, endpoint);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
