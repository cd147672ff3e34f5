using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Telemetry;
using TicketCluster.Testing;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>
/// Graceful stop of a real node: readiness drops and new work is refused at once, the request in flight
/// finishes with its answer, and the node leaves no reminder claim or outbox lease behind. One subclass
/// per storage.
/// </summary>
public abstract class GracefulStopTests
{
    protected abstract Task<TestSilo> StartAsync(Action<WebApplicationBuilder> configure);

    /// <remarks>The in-flight intake is answered 201 after the stop began: the web server drains before the
    /// co-hosted silo stops, so the grains it calls are still there.</remarks>
    [Fact]
    public async Task Stop_WithIntakeInFlight_FinishesItOnTheSiloAndRefusesNewWork()
    {
        await using var silo = await StartAsync(TestNodes.Named(TestNodes.NewId()));
        var client = silo.Client(ApiRole.Channel);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-before"))).StatusCode);
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
        Assert.True(refused, "A request sent after the stop began kept its connection open.");
        Assert.Equal(HttpStatusCode.Created, finished.StatusCode);
    }

    /// <summary>A new request after the stop began is not taken as ongoing work: the server no longer
    /// accepts the connection, or (arriving on a connection already open) it is answered and that
    /// connection is closed behind it.</summary>
    private static async Task<bool> IsRefusedAsync(HttpClient client)
    {
        try
        {
            var response = await client.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-after"));
            return response.Headers.ConnectionClose == true;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }
}

public sealed class SqliteGracefulStopTests : GracefulStopTests
{
    protected override Task<TestSilo> StartAsync(Action<WebApplicationBuilder> configure) =>
        TestSilo.StartSqliteAsync(configure: configure);
}

[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresGracefulStopTests(PostgresFixture fixture) : GracefulStopTests
{
    protected override async Task<TestSilo> StartAsync(Action<WebApplicationBuilder> configure) =>
        await TestSilo.StartPostgresAsync(await fixture.Server.CreateDatabaseAsync("stop"), configure: configure);
}
