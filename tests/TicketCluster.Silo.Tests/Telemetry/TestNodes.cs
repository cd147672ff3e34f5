using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>
/// Silo names of their own for test nodes. Metrics are told apart by their <c>node</c> tag (the silo's
/// name), so a test that reads them gives its silo a unique name.
/// </summary>
public static class TestNodes
{
    public static string NewId() => "node-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Sets the silo's name.</summary>
    public static Action<WebApplicationBuilder> Named(string nodeId) =>
        builder => builder.Services.Configure<SiloOptions>(o => o.SiloName = nodeId);
}
