using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Runtime.Options;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>
/// Node ids of their own for test silos. The runtime's default node id is the machine name and process
/// id, the same for every silo of a test run; metrics are told apart by their <c>node</c> tag, so a test
/// that reads them gives its silo a unique id.
/// </summary>
public static class TestNodes
{
    public static string NewId() => "node-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Sets the node id, then applies <paramref name="more"/>.</summary>
    public static Action<WebApplicationBuilder> Named(string nodeId, Action<GrainRuntimeOptions>? more = null) =>
        builder => builder.Services.Configure<GrainRuntimeOptions>(o =>
        {
            o.NodeId = nodeId;
            more?.Invoke(o);
        });
}
