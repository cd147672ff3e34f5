using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tickets;

/// <summary>The sweeper's settings (docs/orleans.md, section 4.3).</summary>
public sealed class TicketSweeperOptions
{
    /// <summary>Time between sweeps (each jittered by up to ±20 %). Default 30 s.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How overdue a tick or a delivery must be to be swept: more than the reminder's retry period
    /// plus failure detection, so the sweeper does not race Orleans' own recovery. Default 90 s.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Tickets read per sweep. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Pokes in flight at once. Default 16.</summary>
    public int Parallelism { get; set; } = 16;
}

/// <summary>
/// Every node's safety net for the two gaps Orleans leaves: a reminder never registered (the node died
/// between the state write and the registration) and events still owed after their pusher's node died.
/// Each sweep reads overdue ticket ids and calls <see cref="ITicketGrain.ReconcileAsync"/> on each; in normal
/// operation it finds nothing. Nodes may poke the same ticket: the second poke finds nothing to do.
/// </summary>
public sealed class TicketSweeper(
    ITicketSweepSource source, IGrainFactory grains, TimeProvider time, IOptions<TicketSweeperOptions> options, ILogger<TicketSweeper> logger) : BackgroundService
{
    /// <summary>One sweep: pokes the overdue tickets and answers how many it read.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ids = await source.ReadOverdueTicketIdsAsync(time.GetUtcNow() - settings.Grace, settings.BatchSize);
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (id, _) =>
            {
                try
                {
                    await grains.GetGrain<ITicketGrain>(id).ReconcileAsync();
                }
                // A poke that timed out (Orleans answers a call that outlived its response timeout with a
                // TaskCanceledException) is a failed poke like any other; only the node's stopping ends the sweep.
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    GrainsLog.PokeFailed(logger, id, e);
                }
            });
        return ids.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var period = options.Value.Period;
            var jittered = period * (0.8 + (0.4 * Random.Shared.NextDouble()));
            try
            {
                await Task.Delay(jittered, time, stoppingToken);
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping ends the sweeps, quietly: a node whose start failed stops its services before the
                // host counts as stopping, and the host would log this cancellation as the service's fault.
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Timeouts included: an exception escaping here would stop the host, the whole node with it.
                GrainsLog.SweepFailed(logger, period, e);
            }
        }
    }
}
