using TicketCluster.Storage.Commit;

namespace TicketCluster.Storage.Tests.GroupCommit;

/// <summary>
/// Group commit on its own, over a batch writer that records each batch and holds the first one until
/// released: the writes that queue behind a batch in flight leave together, an exception fails exactly its
/// batch, and the options bound the batches.
/// </summary>
public sealed class GroupCommitQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string[]> _batches = [];
    private Exception? _failSecond;

    private GroupCommitQueue<string, string> Queue(GroupCommitOptions options) => new(options, WriteBatchAsync, TimeProvider.System);

    /// <summary>Records the batch; holds the first until released; fails the second when told to.</summary>
    private async Task<IReadOnlyList<string>> WriteBatchAsync(IReadOnlyList<string> writes)
    {
        int number;
        lock (_batches)
        {
            _batches.Add([.. writes]);
            number = _batches.Count;
        }

        if (number == 1)
        {
            _firstEntered.SetResult();
            await _releaseFirst.Task;
        }

        if (number == 2 && _failSecond is { } failure)
        {
            throw failure;
        }

        return [.. writes.Select(w => w + ":ok")];
    }

    /// <summary>Starts <c>first</c> and holds its batch in the writer, then queues <paramref name="writes"/>
    /// behind it and waits until all of them are queued.</summary>
    private async Task<(Task<string> First, Task<string[]> Others)> QueueBehindFirstAsync(GroupCommitQueue<string, string> queue, params string[] writes)
    {
        var first = queue.CommitAsync("first");
        await _firstEntered.Task.WaitAsync(Patience);
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Enqueued += count =>
        {
            if (count == writes.Length)
            {
                queued.TrySetResult();
            }
        };
        var others = Task.WhenAll(writes.Select(queue.CommitAsync));
        await queued.Task.WaitAsync(Patience);
        return (first, others);
    }

    private List<int> Sizes()
    {
        lock (_batches)
        {
            return [.. _batches.Select(b => b.Length)];
        }
    }

    [Fact]
    public async Task CommitAsync_WritesArriveWhileBatchInFlight_SentTogetherInNextBatch()
    {
        var (first, others) = await QueueBehindFirstAsync(Queue(new GroupCommitOptions()), "x", "y", "z");
        Assert.False(others.IsCompleted);

        _releaseFirst.SetResult();

        Assert.Equal("first:ok", await first.WaitAsync(Patience));
        Assert.Equal(["x:ok", "y:ok", "z:ok"], await others.WaitAsync(Patience));
        Assert.Equal([1, 3], Sizes());
    }

    [Fact]
    public async Task CommitAsync_BatchWriterThrows_OnlyThatBatchsWritesSeeTheException()
    {
        var queue = Queue(new GroupCommitOptions());
        _failSecond = new InvalidOperationException("database unavailable");
        var (first, others) = await QueueBehindFirstAsync(queue, "x", "y");

        _releaseFirst.SetResult();

        Assert.Equal("first:ok", await first.WaitAsync(Patience));
        Assert.Same(_failSecond, await Assert.ThrowsAsync<InvalidOperationException>(() => others.WaitAsync(Patience)));
        Assert.Equal("x:ok", await queue.CommitAsync("x").WaitAsync(Patience));
    }

    [Fact]
    public async Task CommitAsync_TwoBatchesAllowedInFlight_SecondBatchWritesWhileFirstIsHeld()
    {
        var queue = Queue(new GroupCommitOptions { MaxBatchesInFlight = 2 });
        var first = queue.CommitAsync("first");
        await _firstEntered.Task.WaitAsync(Patience);

        Assert.Equal("second:ok", await queue.CommitAsync("second").WaitAsync(Patience));
        Assert.False(first.IsCompleted);

        _releaseFirst.SetResult();
        Assert.Equal("first:ok", await first.WaitAsync(Patience));
    }

    [Fact]
    public async Task CommitAsync_GroupCommitDisabled_EveryWriteAlone()
    {
        _releaseFirst.SetResult();
        var queue = Queue(new GroupCommitOptions { Enabled = false });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => queue.CommitAsync($"g{i}"))).WaitAsync(Patience);

        Assert.Equal(Enumerable.Repeat(1, 8), Sizes());
    }

    [Fact]
    public async Task CommitAsync_MaxBatchSize_SplitsQueueIntoBatches()
    {
        var (first, others) = await QueueBehindFirstAsync(Queue(new GroupCommitOptions { MaxBatchSize = 2 }), "a", "b", "c");

        _releaseFirst.SetResult();
        await Task.WhenAll(first, others).WaitAsync(Patience);

        Assert.Equal([1, 2, 1], Sizes());
    }

    [Fact]
    public void New_NoBatchesInFlight_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Queue(new GroupCommitOptions { MaxBatchesInFlight = 0 }));
}
