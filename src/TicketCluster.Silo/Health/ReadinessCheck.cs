using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Health;

/// <summary>Set when the node begins to stop: readiness drops at once so load balancers stop sending
/// work while in-flight requests finish.</summary>
public sealed class DrainState
{
    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    public void BeginDraining() => Volatile.Write(ref _draining, 1);
}

/// <summary>
/// Ready when the host has started (the silo is active and the schema applied: Orleans' hosted service
/// starts before the web server), the node is not draining, and the storage answers a query now. Liveness
/// has no checks: a live process that cannot reach its database should be taken out of rotation, not
/// restarted.
/// </summary>
public sealed class ReadinessCheck(ITicketQueries queries, IHostApplicationLifetime lifetime, DrainState drain) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (drain.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("starting: the silo has not started");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await queries.ReadTicketRowAsync("readiness-probe", timeout.Token);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure to reach storage is the answer: not ready.
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("storage unreachable", exception);
        }
    }
}
