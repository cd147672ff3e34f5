using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>A draining node reports not ready, and a request still arriving on an open connection is
/// served with its connection closed, so the client's next request goes elsewhere (a rolling restart
/// fails no request; see the cluster tests).</summary>
public sealed class DrainingTests
{
    [Fact]
    public async Task Request_WhileDraining_IsServedWithConnectionCloseAndReadinessDrops()
    {
        await using var silo = await TestSilo.StartSqliteAsync();
        var client = silo.Client(ApiRole.Channel);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var before = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-before"));
        Assert.False(before.Headers.ConnectionClose ?? false);

        silo.App.Services.GetRequiredService<DrainState>().BeginDraining();
        var intake = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-draining"));

        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        Assert.True(intake.Headers.ConnectionClose);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
