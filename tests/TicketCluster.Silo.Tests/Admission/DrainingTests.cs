using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Telemetry;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>Draining and graceful shutdown of a real node on SQLite.</summary>
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

    [Fact]
    public async Task Stop_WithIntakeInFlight_FinishesItRefusesNewWorkAndLeavesNoClaims()
    {
        // The dispatcher is off so that the test holds a claim on the node's behalf, as a round in progress
        // would, and the clock is the test's so that the ticket's first reminder falls due.
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var node = TestNodes.NewId();
        await using var silo = await TestSilo.StartSqliteAsync(configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            TestNodes.Named(node, o => o.Reminders.Enabled = false)(b);
        });
        var storage = silo.Runtime.Storage;
        var client = silo.Client(ApiRole.Channel);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-before"))).StatusCode);
        clock.Advance(TimeSpan.FromHours(20));
        var claimed = await storage.ClaimDueRemindersAsync(node, 100, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.NotEmpty(claimed);
        using var held = new HeldRequests(silo);
        var inFlight = held.SendAsync(silo.Client(ApiRole.Channel), "/api/v1/tickets", Intakes.Complaint(orderId: "o-in-flight"));
        await held.WaitUntilAdmittedAsync(1);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.App.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        var stop = silo.App.StopAsync();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var readiness = await silo.App.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(c => c.Tags.Contains(ReadinessCheck.Tag));
        var refused = await IsRefusedAsync(client);
        held.Release();
        var finished = await inFlight;
        await stop.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, readiness.Status);
        Assert.True(refused, "A request sent after the stop began was admitted.");
        Assert.Equal(HttpStatusCode.Created, finished.StatusCode);
        Assert.False(silo.Runtime.IsRunning);
        Assert.Equal(0, await storage.ReleaseRemindersAsync(node, CancellationToken.None));
        var reclaimed = await storage.ClaimDueRemindersAsync("another-node", 100, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Equal(claimed.Select(c => $"{c.Grain} {c.Name}").Order(), reclaimed.Select(c => $"{c.Grain} {c.Name}").Order());
        var statistics = await storage.ReadStatisticsAsync(CancellationToken.None);
        var claimable = await storage.ClaimOutboxAsync("another-node", 1_000, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(statistics.OutboxPending, claimable.Count);
    }

    /// <summary>A new request after the stop began is refused: by the draining node with 503, or by a
    /// server that no longer accepts connections.</summary>
    private static async Task<bool> IsRefusedAsync(HttpClient client)
    {
        try
        {
            var response = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-after"));
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }
}
