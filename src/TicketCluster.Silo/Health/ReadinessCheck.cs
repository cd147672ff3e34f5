using Microsoft.Extensions.Diagnostics.HealthChecks;
using TicketCluster.Runtime;

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
/// Ready when the grain runtime has started (so the schema is applied), the node is not draining, and the
/// storage answers a query now. Liveness has no checks: a live process that cannot reach its database
/// should be taken out of rotation, not restarted.
/// </summary>
public sealed class ReadinessCheck(GrainRuntime runtime, DrainState drain) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (drain.IsDraining)
        {
            return HealthCheckResult.Unhealthy("draining");
        }

        if (!runtime.IsRunning)
        {
            return HealthCheckResult.Unhealthy("starting: the runtime has not started");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await runtime.Storage.ReadTicketRowAsync("readiness-probe", timeout.Token);
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
