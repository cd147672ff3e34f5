using System.Net;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, spans and metrics reach an OTLP/HTTP collector;
/// the last batch is flushed when the node is disposed.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Export_WithEndpoint_SendsRequestAndGrainCallSpansAndIntakeAndOrleansMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.AbsoluteUri,
            ["TicketCluster:Telemetry:ServiceName"] = "otlp-test-silo",
        },
        TestNodes.Named(TestNodes.NewId()));
        var nodeId = silo.NodeName;

        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        await silo.DisposeAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(receiver.Traces, b => OtlpReceiver.Contains(b, "POST /api/v1/tickets/") && OtlpReceiver.Contains(b, "otlp-test-silo"));
        Assert.Contains(receiver.Traces, b => OtlpReceiver.Contains(b, "ITicketGrain"));
        Assert.Contains(receiver.Metrics, b => OtlpReceiver.Contains(b, "ticketcluster.intake") && OtlpReceiver.Contains(b, nodeId));
        Assert.Contains(receiver.Metrics, b => OtlpReceiver.Contains(b, "orleans-"));
    }
}
