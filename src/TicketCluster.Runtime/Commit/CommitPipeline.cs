using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Commit;

namespace TicketCluster.Runtime.Commit;

/// <summary>
/// The runtime's group commit: the writes of concurrent turns share one storage call through a
/// <see cref="GroupCommitQueue{TWrite, TResult}"/>. Each write gets its own <see cref="WriteResult"/>; a
/// storage exception fails exactly the turns of that batch. This class adds the runtime's telemetry: a
/// span per batch linked to each turn's span, the batch-size metric and event, the failure log.
/// </summary>
internal sealed class CommitPipeline
{
    private readonly IGrainStorage _storage;
    private readonly RuntimeMetrics _metrics;
    private readonly RuntimeEvents _events;
    private readonly ILogger _logger;
    private readonly GroupCommitQueue<PendingWrite, WriteResult> _queue;

    public CommitPipeline(IGrainStorage storage, GroupCommitOptions options, TimeProvider timeProvider, RuntimeMetrics metrics, RuntimeEvents events, ILogger logger)
    {
        _storage = storage;
        _metrics = metrics;
        _events = events;
        _logger = logger;
        _queue = new GroupCommitQueue<PendingWrite, WriteResult>(options, WriteBatchAsync, timeProvider);
    }

    /// <summary>Raised after a write joined the queue, with the queue's length: lets tests line up a
    /// batch without sleeping.</summary>
    internal event Action<int>? Enqueued
    {
        add => _queue.Enqueued += value;
        remove => _queue.Enqueued -= value;
    }

    public Task<WriteResult> CommitAsync(GrainWrite write) =>
        _queue.CommitAsync(new PendingWrite(write, Activity.Current?.Context ?? default));

    private async Task<IReadOnlyList<WriteResult>> WriteBatchAsync(IReadOnlyList<PendingWrite> batch)
    {
        IReadOnlyList<WriteResult> results;
        // The batch serves many turns: it links to each turn's span rather than choosing one parent.
        using var activity = RuntimeTelemetry.ActivitySource.HasListeners()
            ? RuntimeTelemetry.ActivitySource.StartActivity(
                ActivityKind.Internal,
                links: batch.Where(p => p.Turn != default).Select(p => new ActivityLink(p.Turn)),
                name: "commit batch")
            : null;
        activity?.SetTag("writes", batch.Count);
        try
        {
            // A submitted write is never cancelled halfway: its turn must learn whether it was committed.
            results = await _storage.WriteAsync(batch.Select(p => p.Write).ToList(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            RuntimeLog.BatchFailed(_logger, batch.Count, exception);
            throw;
        }

        _metrics.BatchCommitted(batch.Count);
        _events.OnBatchCommitted(batch.Count);
        return results;
    }

    /// <param name="Turn">The span of the turn that submitted the write.</param>
    private readonly record struct PendingWrite(GrainWrite Write, ActivityContext Turn);
}
