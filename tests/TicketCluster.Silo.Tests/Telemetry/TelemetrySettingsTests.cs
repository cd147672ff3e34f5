using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Telemetry;

namespace TicketCluster.Silo.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Load_Nothing_ExportsNothing() => Assert.Null(Load([]).OtlpEndpoint);

    [Fact]
    public void Load_StandardEndpoint_UsesHttpProtobufWithSignalPaths()
    {
        var settings = Load(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318/" });

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings.OtlpProtocol);
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), settings.SignalEndpoint("/v1/traces"));
    }

    [Fact]
    public void Load_GrpcPort_UsesGrpcOnTheBaseAddress()
    {
        var settings = Load(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" });

        Assert.Equal(OtlpExportProtocol.Grpc, settings.OtlpProtocol);
        Assert.Equal(new Uri("http://collector:4317"), settings.SignalEndpoint("/v1/traces"));
    }

    [Fact]
    public void Load_ExplicitProtocol_WinsOverThePort() =>
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, Load(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).OtlpProtocol);

    [Fact]
    public void Load_SectionKeys_WinOverStandardVariables()
    {
        var settings = Load(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://standard:4318",
            ["TicketCluster:Telemetry:OtlpEndpoint"] = "http://own:4318",
            ["OTEL_SERVICE_NAME"] = "standard",
            ["TicketCluster:Telemetry:ServiceName"] = "own",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        });

        Assert.Equal(new Uri("http://own:4318"), settings.OtlpEndpoint);
        Assert.Equal("own", settings.ServiceName);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.MetricExportInterval);
    }

    [Fact]
    public void Load_MalformedValues_NameEveryKey()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Load(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector:4318",
            ["TicketCluster:Telemetry:OtlpProtocol"] = "udp",
            ["TicketCluster:Telemetry:MetricExportInterval"] = "soon",
        }));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.StartsWith("OTEL_EXPORTER_OTLP_ENDPOINT:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("TicketCluster:Telemetry:OtlpProtocol:", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("TicketCluster:Telemetry:MetricExportInterval:", StringComparison.Ordinal));
    }

    private static TelemetrySettings Load(Dictionary<string, string?> values) =>
        TelemetrySettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
