using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>A draining node refuses new work and reports not ready.</summary>
public sealed class DrainingTests
{
    [Fact]
    public async Task Request_WhileDraining_Gets503WithRetryAfterAndReadinessDrops()
    {
        await using var silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?> { ["TicketCluster:Limits:RetryAfter"] = "00:00:02" });
        var client = silo.Client(ApiRole.Channel);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        silo.App.Services.GetRequiredService<DrainState>().BeginDraining();
        var intake = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, intake.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), intake.Headers.RetryAfter?.Delta);
        Assert.Contains("draining", await intake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
