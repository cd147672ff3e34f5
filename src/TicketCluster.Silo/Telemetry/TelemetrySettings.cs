using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// Where telemetry goes. Each value is read from <c>TicketCluster:Telemetry:*</c> or, when that is not
/// set, from the standard OpenTelemetry variable (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and so on), so a
/// Kubernetes manifest that sets the usual environment works unchanged. Without an endpoint nothing is
/// exported (spans and metrics are still recorded for any in-process listener).
/// </summary>
public sealed class TelemetrySettings
{
    public const string Section = SiloSettings.Section + ":Telemetry";

    /// <summary>The OTLP collector's base address; for http/protobuf the signal paths
    /// <c>/v1/traces</c> and <c>/v1/metrics</c> are appended. Null: no export.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>http/protobuf</c> (the OpenTelemetry default) or <c>grpc</c>. When not configured:
    /// grpc for an endpoint on port 4317 (the gRPC port by convention), http/protobuf otherwise.</summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>The <c>service.name</c> resource attribute. Default <c>ticketcluster-silo</c>.</summary>
    public string ServiceName { get; init; } = "ticketcluster-silo";

    /// <summary>How often metrics are exported. Default 15 s.</summary>
    public TimeSpan MetricExportInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Reads the settings.</summary>
    /// <exception cref="SiloConfigurationException">A value is malformed; the message names its key.</exception>
    public static TelemetrySettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        var defaults = new TelemetrySettings();

        Uri? endpoint = null;
        if (Read(configuration, "OtlpEndpoint", "OTEL_EXPORTER_OTLP_ENDPOINT") is var (endpointKey, rawEndpoint))
        {
            if (Uri.TryCreate(rawEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                endpoint = uri;
            }
            else
            {
                errors.Add($"{endpointKey}: '{rawEndpoint}' is not an absolute http or https address.");
            }
        }

        var protocol = endpoint?.Port == 4317 ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        if (Read(configuration, "OtlpProtocol", "OTEL_EXPORTER_OTLP_PROTOCOL") is var (protocolKey, rawProtocol))
        {
            switch (rawProtocol.Trim().ToLowerInvariant())
            {
                case "grpc":
                    protocol = OtlpExportProtocol.Grpc;
                    break;
                case "http/protobuf":
                    protocol = OtlpExportProtocol.HttpProtobuf;
                    break;
                default:
                    errors.Add($"{protocolKey}: '{rawProtocol}' is not one of grpc, http/protobuf.");
                    break;
            }
        }

        var serviceName = Read(configuration, "ServiceName", "OTEL_SERVICE_NAME")?.Value ?? defaults.ServiceName;

        var interval = defaults.MetricExportInterval;
        if (configuration[$"{Section}:MetricExportInterval"] is { } rawInterval)
        {
            if (!TimeSpan.TryParse(rawInterval, CultureInfo.InvariantCulture, out interval) || interval < TimeSpan.FromMilliseconds(100))
            {
                errors.Add($"{Section}:MetricExportInterval: '{rawInterval}' is not a duration of at least 00:00:00.1.");
            }
        }
        else if (configuration["OTEL_METRIC_EXPORT_INTERVAL"] is { } rawMilliseconds)
        {
            if (int.TryParse(rawMilliseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms >= 100)
            {
                interval = TimeSpan.FromMilliseconds(ms);
            }
            else
            {
                errors.Add($"OTEL_METRIC_EXPORT_INTERVAL: '{rawMilliseconds}' is not a number of milliseconds of at least 100.");
            }
        }

        return errors.Count == 0
            ? new TelemetrySettings { OtlpEndpoint = endpoint, OtlpProtocol = protocol, ServiceName = serviceName, MetricExportInterval = interval }
            : throw new SiloConfigurationException(errors);
    }

    /// <summary>The endpoint of one signal: the base address for gRPC, the base plus
    /// <paramref name="httpPath"/> for http/protobuf (which the exporter does not append to an endpoint
    /// set in code).</summary>
    public Uri SignalEndpoint(string httpPath)
    {
        var endpoint = OtlpEndpoint ?? throw new InvalidOperationException("No OTLP endpoint is configured.");
        return OtlpProtocol == OtlpExportProtocol.Grpc
            ? endpoint
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + httpPath);
    }

    /// <summary>The section's key if set, else the standard variable; with the key that was read.</summary>
    private static (string Key, string Value)? Read(IConfiguration configuration, string key, string standardKey) =>
        configuration[$"{Section}:{key}"] is { Length: > 0 } own ? ($"{Section}:{key}", own)
        : configuration[standardKey] is { Length: > 0 } standard ? (standardKey, standard)
        : null;
}
