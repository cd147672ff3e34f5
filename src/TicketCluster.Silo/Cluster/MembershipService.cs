using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Health;

namespace TicketCluster.Silo.Cluster;

/// <summary>
/// Writes this node's heartbeat to the membership table every <see cref="ClusterSettings.HeartbeatInterval"/>:
/// its address, version, start time, whether it is draining, and its counts. The first heartbeat as it
/// begins to drain is written at once; a node that stops cleanly removes its row, and one that dies is
/// shown dead once its heartbeat is older than <see cref="ClusterSettings.DeadAfter"/>.
/// </summary>
internal sealed partial class MembershipService(
    GrainRuntime runtime,
    SiloSettings settings,
    DrainState drain,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<MembershipService> logger) : BackgroundService
{
    public static string Version { get; } =
        typeof(MembershipService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly DateTimeOffset _startedAt = runtime.TimeProvider.GetUtcNow();
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Addresses are known once the server has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = lifetime.ApplicationStopping.Register(() => _wake.Release());
        await started.Task.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            await HeartbeatOnceAsync(stoppingToken);
            try
            {
                await _wake.WaitAsync(settings.Cluster.HeartbeatInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(TimeSpan.FromSeconds(5));
            await runtime.Storage.RemoveNodeAsync(runtime.NodeId, bounded.Token);
        }
#pragma warning disable CA1031 // A node that cannot say goodbye is shown dead after the timeout instead.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LeaveFailed(logger, runtime.NodeId, exception);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task HeartbeatOnceAsync(CancellationToken cancellationToken)
    {
        var counts = runtime.Counts;
        var address = settings.Cluster.AdvertisedAddress
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "unknown";
        try
        {
            await runtime.Storage.HeartbeatAsync(
                new NodeHeartbeat(
                    runtime.NodeId,
                    address,
                    Version,
                    _startedAt,
                    drain.IsDraining ? NodeStatus.Draining : NodeStatus.Active,
                    counts.Activations,
                    counts.RemindersClaimed,
                    counts.RemindersFired),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Logged; the next heartbeat tries again (membership is for visibility only).
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HeartbeatFailed(logger, runtime.NodeId, exception);
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning, Message = "Heartbeat of node {NodeId} failed; retrying at the next interval")]
    private static partial void HeartbeatFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Node {NodeId} could not remove itself from the membership table")]
    private static partial void LeaveFailed(ILogger logger, string nodeId, Exception exception);
}
