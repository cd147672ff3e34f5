using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TicketCluster.Grains;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Storage.Migration;

namespace TicketCluster.Silo.Hosting;

/// <summary>
/// Carries the old runtime's reminders over to Orleans after <c>migrate</c> (docs/orleans.md, section 13.1;
/// docs/operations.md, "Upgrading from the home-made runtime"): takes pages of <see cref="PageSize"/> rows of
/// <c>legacy_reminders</c>, earliest due first, has each distinct ticket of the page reconcile
/// (<see cref="ITicketGrain.ReconcileAsync"/> registers its clocks' reminders from its state and decides a
/// tick already due), then deletes the page. Reconciliation is idempotent, so a page cut short by a crash is
/// simply taken again. Does nothing when the table is absent or empty.
/// </summary>
public sealed class LegacyReminderImport(ILegacyReminderSource source, IGrainFactory grains, TimeProvider time, ILogger<LegacyReminderImport> logger) : BackgroundService
{
    public const int PageSize = 500;

    /// <summary>Tickets of a page reconciled at once.</summary>
    private const int Concurrency = 16;

    /// <summary>The wait after a page failed (a storage outage) before it is taken again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource<long> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when no legacy reminder is left (or none was there), with the number of tickets
    /// this node reconciled.</summary>
    public Task<long> Finished => _finished.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long tickets = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ImportPageAsync(stoppingToken) is not { } imported)
                {
                    if (tickets > 0)
                    {
                        MigrationLog.ImportFinished(logger, tickets);
                    }

                    _finished.TrySetResult(tickets);
                    return;
                }

                tickets += imported;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                MigrationLog.ImportPageFailed(logger, RetryDelay, exception);
                try
                {
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One page: its tickets reconciled, then its rows deleted; null when nothing is left.</summary>
    private async Task<int?> ImportPageAsync(CancellationToken cancellationToken)
    {
        await using var page = await source.TakePageAsync(PageSize, cancellationToken);
        if (page is null)
        {
            return null;
        }

        var tickets = page.KeysOf(GrainTypes.Ticket);
        await Parallel.ForEachAsync(
            tickets,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (ticketId, _) => await grains.GetGrain<ITicketGrain>(ticketId).ReconcileAsync());
        await page.CompleteAsync(cancellationToken);
        MigrationLog.ImportPage(logger, page.Rows.Count, tickets.Count, await source.CountAsync(cancellationToken));
        return tickets.Count;
    }
}
