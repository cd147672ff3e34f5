using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Commit;

/// <summary>
/// Group commit: the writes of concurrent turns share one storage call. While a batch is in flight new
/// writes queue up; when it returns, the queue (up to <see cref="GroupCommitOptions.MaxBatchSize"/>)
/// leaves as the next batch. Up to <see cref="GroupCommitOptions.MaxBatchesInFlight"/> flushers take
/// batches from the queue at once. Each write gets its own <see cref="WriteResult"/>; a storage exception
/// fails exactly the turns of that batch.
/// </summary>
internal sealed class CommitPipeline(
    IGrainStorage storage,
    GroupCommitOptions options,
    TimeProvider timeProvider,
    RuntimeMetrics metrics,
    RuntimeEvents events,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingWrite> _queue = new();
    private int _flushers;

    /// <summary>Raised after a write joined the queue, with the queue's length: lets tests line up a
    /// batch without sleeping.</summary>
    internal event Action<int>? Enqueued;

    public Task<WriteResult> CommitAsync(GrainWrite write)
    {
        if (!options.Enabled)
        {
            return WriteAloneAsync(write);
        }

        var pending = new PendingWrite(write);
        bool start;
        int queued;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            queued = _queue.Count;
            start = _flushers < options.MaxBatchesInFlight;
            if (start)
            {
                _flushers++;
            }
        }

        Enqueued?.Invoke(queued);

        if (start)
        {
            // A flusher writes the batches of many turns: it must not inherit the logging scope (the
            // grain id) or the span of the turn that happened to start it.
            if (ExecutionContext.IsFlowSuppressed())
            {
                _ = Task.Run(FlushAsync, CancellationToken.None);
            }
            else
            {
                using var suppressed = ExecutionContext.SuppressFlow();
                _ = Task.Run(FlushAsync, CancellationToken.None);
            }
        }

        return pending.Completion.Task;
    }

    private async Task<WriteResult> WriteAloneAsync(GrainWrite write)
    {
        // A submitted write is never cancelled halfway: its turn must learn whether it was committed.
        var results = await storage.WriteAsync([write], CancellationToken.None);
        Check(results, 1);
        metrics.BatchCommitted(1);
        events.OnBatchCommitted(1);
        return results[0];
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            if (options.MaxDelay > TimeSpan.Zero && QueuedCount() < options.MaxBatchSize)
            {
                await Task.Delay(options.MaxDelay, timeProvider);
            }

            List<PendingWrite> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushers--;
                    return;
                }

                batch = new List<PendingWrite>(Math.Min(_queue.Count, options.MaxBatchSize));
                while (batch.Count < options.MaxBatchSize && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
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
            results = await storage.WriteAsync(batch.ConvertAll(p => p.Write), CancellationToken.None);
            Check(results, batch.Count);
        }
#pragma warning disable CA1031 // Not swallowed: every turn of the batch receives the exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            RuntimeLog.BatchFailed(logger, batch.Count, exception);
            foreach (var pending in batch)
            {
                pending.Completion.SetException(exception);
            }

            return;
        }

        metrics.BatchCommitted(batch.Count);
        events.OnBatchCommitted(batch.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.SetResult(results[i]);
        }
    }

    private int QueuedCount()
    {
        lock (_gate)
        {
            return _queue.Count;
        }
    }

    private static void Check(IReadOnlyList<WriteResult> results, int expected)
    {
        if (results.Count != expected)
        {
            throw new InvalidOperationException($"The storage returned {results.Count} results for {expected} writes.");
        }
    }

    private sealed class PendingWrite(GrainWrite write)
    {
        public GrainWrite Write { get; } = write;

        /// <summary>The span of the turn that submitted the write.</summary>
        public ActivityContext Turn { get; } = Activity.Current?.Context ?? default;

        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
