using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TicketCluster.Runtime.Diagnostics;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// Owns the OpenTelemetry SDK's tracer and meter providers when an OTLP endpoint is configured. They
/// subscribe to the one source and meter <see cref="RuntimeTelemetry.Name"/>. The providers are built
/// when the host starts and disposed with the service container — after the server and the grain
/// runtime have stopped — so the spans and metrics of the shutdown itself are in the last batch
/// flushed. (The hosting package OpenTelemetry.Extensions.Hosting is not available, so this class is
/// what it would be.)
/// </summary>
internal sealed class TelemetryExport(TelemetrySettings settings, string nodeId, ILogger<TelemetryExport> logger) : IHostedService, IDisposable
{
    private TracerProvider? _traces;
    private MeterProvider? _metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.OtlpEndpoint is not { } endpoint)
        {
            return Task.CompletedTask;
        }

        var resource = ResourceBuilder.CreateDefault()
            .AddService(settings.ServiceName, serviceInstanceId: nodeId);
        _traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(RuntimeTelemetry.ActivitySourceName)
            .AddOtlpExporter(o => Configure(o, "/v1/traces"))
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(RuntimeTelemetry.MeterName)
            .AddOtlpExporter((o, reader) =>
            {
                Configure(o, "/v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
            })
            .Build();
        SiloTelemetryLog.ExportingTo(logger, settings.OtlpProtocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf", endpoint);
        return Task.CompletedTask;
    }

    /// <summary>Nothing here: the providers flush when disposed, after everything else has stopped.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        // Each provider exports what it still holds before it returns.
        _traces?.Dispose();
        _metrics?.Dispose();
    }

    private void Configure(OtlpExporterOptions options, string httpPath)
    {
        options.Protocol = settings.OtlpProtocol;
        options.Endpoint = settings.SignalEndpoint(httpPath);
    }
}
