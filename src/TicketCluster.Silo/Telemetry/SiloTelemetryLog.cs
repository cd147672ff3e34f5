using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Telemetry;

/// <summary>Log lines of telemetry and admission control, event ids 3000–3099. They name routes and
/// counts, never bodies.</summary>
internal static partial class SiloTelemetryLog
{
    [LoggerMessage(3001, LogLevel.Information, "Exporting traces and metrics over OTLP ({Protocol}) to {Endpoint}")]
    public static partial void ExportingTo(ILogger logger, string protocol, Uri endpoint);

    [LoggerMessage(3010, LogLevel.Debug, "Shed {Method} {Route} ({Severity}): {InFlight} requests in flight, limit {Limit}")]
    public static partial void Shed(ILogger logger, string method, string route, string severity, int inFlight, int limit);

    [LoggerMessage(3011, LogLevel.Debug, "Served {Method} {Route} while draining; its connection is closed after it")]
    public static partial void ServedWhileDraining(ILogger logger, string method, string route);

    [LoggerMessage(3012, LogLevel.Debug, "Refused {Method} {Route}: its client's rate limit is spent")]
    public static partial void Throttled(ILogger logger, string method, string route);
}
