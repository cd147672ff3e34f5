using Microsoft.Extensions.Configuration;

namespace TicketCluster.WebConsole.Api;

/// <summary>
/// Where the node sends its telemetry, as its configuration says (the keys the node's own OTLP export
/// reads: <c>TicketCluster:Telemetry:*</c>, else the standard <c>OTEL_*</c> variables). Only the
/// endpoint's scheme, host, port and path are shown: never user information, a query, or the
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c> that carry credentials.
/// </summary>
public sealed record TelemetryTarget(string? Endpoint, string? Protocol, string? ServiceName)
{
    public static TelemetryTarget From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Read(string key, string variable) => Blank(configuration["TicketCluster:Telemetry:" + key]) ?? Blank(configuration[variable]);
        return new TelemetryTarget(
            Describe(Read("OtlpEndpoint", "OTEL_EXPORTER_OTLP_ENDPOINT")),
            Read("OtlpProtocol", "OTEL_EXPORTER_OTLP_PROTOCOL"),
            Read("ServiceName", "OTEL_SERVICE_NAME"));
    }

    /// <summary>An endpoint without anything secret: scheme, host, port and path; null for none, and a
    /// placeholder for a value that is not an absolute address (it is not echoed).</summary>
    public static string? Describe(string? endpoint)
    {
        if (endpoint is null)
        {
            return null;
        }

        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(not an absolute address)";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
