namespace TicketCluster.Storage.Commit;

/// <summary>
/// Group commit: concurrent writes share one storage call. While a batch is in flight new writes queue
/// up; when it returns, the queue (up to <see cref="GroupCommitOptions.MaxBatchSize"/>) leaves as the
/// next batch. Up to <see cref="GroupCommitOptions.MaxBatchesInFlight"/> flushers take batches from the
/// queue at once. Each write gets its own result; an exception of the batch call fails exactly the writes
/// of that batch.
/// </summary>
/// <typeparam name="TWrite">One write as the batch call takes it.</typeparam>
/// <typeparam name="TResult">One write's outcome; the batch call returns one per write, in order.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of writes; the name is the design's (docs/orleans.md, section 3.4).")]
public sealed class GroupCommitQueue<TWrite, TResult>
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingWrite> _queue = new();
    private readonly GroupCommitOptions _options;
    private readonly Func<IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> _writeBatch;
    private readonly TimeProvider _timeProvider;
    private int _flushers;

    /// <param name="writeBatch">Writes one batch and returns one result per write, in the batch's
    /// order. It is never given a cancellation token: a submitted write is committed or refused as a
    /// whole, and its caller learns which.</param>
    public GroupCommitQueue(GroupCommitOptions options, Func<IReadOnlyList<TWrite>, Task<IReadOnlyList<TResult>>> writeBatch, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(writeBatch);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatchesInFlight);
        _options = options;
        _writeBatch = writeBatch;
        _timeProvider = timeProvider;
    }

    /// <summary>Raised after a write joined the queue, with the queue's length: lets tests line up a
    /// batch without sleeping.</summary>
    public event Action<int>? Enqueued;

    /// <summary>Raised when a batch leaves the queue for the storage, with its size: lets tests hold a
    /// batch in the database and line up the next one behind it.</summary>
    public event Action<int>? BatchStarted;

    public Task<TResult> CommitAsync(TWrite write)
    {
        if (!_options.Enabled)
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
            start = _flushers < _options.MaxBatchesInFlight;
            if (start)
            {
                _flushers++;
            }
        }

        Enqueued?.Invoke(queued);

        if (start)
        {
            // A flusher writes the batches of many callers: it must not inherit the logging scope or the
            // span of the caller that happened to start it.
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

    private async Task<TResult> WriteAloneAsync(TWrite write)
    {
        var results = await _writeBatch([write]);
        Check(results, 1);
        return results[0];
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            if (_options.MaxDelay > TimeSpan.Zero && QueuedCount() < _options.MaxBatchSize)
            {
                await Task.Delay(_options.MaxDelay, _timeProvider);
            }

            List<PendingWrite> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushers--;
                    return;
                }

                batch = new List<PendingWrite>(Math.Min(_queue.Count, _options.MaxBatchSize));
                while (batch.Count < _options.MaxBatchSize && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            BatchStarted?.Invoke(batch.Count);
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await _writeBatch(batch.ConvertAll(p => p.Write));
            Check(results, batch.Count);
        }
#pragma warning disable CA1031 // Not swallowed: every write of the batch receives the exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Completion.SetException(exception);
            }

            return;
        }

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

    private static void Check(IReadOnlyList<TResult> results, int expected)
    {
        if (results.Count != expected)
        {
            throw new InvalidOperationException($"The storage returned {results.Count} results for {expected} writes.");
        }
    }

    private sealed class PendingWrite(TWrite write)
    {
        public TWrite Write { get; } = write;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
