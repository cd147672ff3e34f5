using TicketCluster.Runtime.Storage;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Commit;

public sealed class GroupCommitTests : IAsyncDisposable
{
    private readonly Harness _harness = new();
    private readonly GrainProbe _probe = new();
    private readonly TaskCompletionSource _firstWriteEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public GroupCommitTests()
    {
        _harness.Storage.BeforeWrite = async _ =>
        {
            if (Interlocked.Increment(ref _writes) == 1)
            {
                _firstWriteEntered.SetResult();
                await _releaseFirstWrite.Task;
            }
        };
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    /// <summary>Holds the first write in flight, then starts <paramref name="keys"/>' increments and
    /// waits until all of them are queued behind it.</summary>
    private async Task<(Task<int> First, Task<int[]> Others)> QueueBehindFirstWriteAsync(GrainRuntime runtime, params string[] keys)
    {
        var first = runtime.GetGrain<CounterGrain>("first").InvokeAsync(g => g.IncrementAsync());
        await _firstWriteEntered.Task.Within();
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        runtime.Pipeline.Enqueued += count =>
        {
            if (count == keys.Length)
            {
                queued.TrySetResult();
            }
        };
        var rest = Task.WhenAll(keys.Select(k => runtime.GetGrain<CounterGrain>(k).InvokeAsync(g => g.IncrementAsync())));
        await queued.Task.Within();
        return (first, rest);
    }

    [Fact]
    public async Task CommitAsync_WritesArriveWhileBatchInFlight_SentTogetherInNextBatch()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var sizes = new List<int>();
        runtime.Events.BatchCommitted += size => { lock (sizes) { sizes.Add(size); } };

        var (first, rest) = await QueueBehindFirstWriteAsync(runtime, "x", "y", "z");
        _releaseFirstWrite.SetResult();

        Assert.Equal(1, await first.Within());
        Assert.Equal(new[] { 1, 1, 1 }, await rest.Within());
        Assert.Equal([1, 3], sizes);
    }

    [Fact]
    public async Task CommitAsync_ConflictInBatch_OthersCommitAndConflictedTurnRetries()
    {
        var runtime = _harness.CreateRuntime(_probe);
        await runtime.GetGrain<CounterGrain>("y").InvokeAsync(g => g.GetAsync());
        await _harness.Memory.WriteAsync([GrainWrite.ForState(Harness.Counter("y"), 0, """{"value":10,"reminders":0,"events":0}"""u8.ToArray())], CancellationToken.None);

        var (first, rest) = await QueueBehindFirstWriteAsync(runtime, "x", "y", "z");
        _releaseFirstWrite.SetResult();

        Assert.Equal(1, await first.Within());
        Assert.Equal(new[] { 1, 11, 1 }, await rest.Within());
        var batch = _harness.Storage.Batches.ElementAt(1);
        var statuses = batch.Writes.Zip(batch.Results).ToDictionary(p => p.First.Grain.Key, p => p.Second.Status);
        Assert.Equal(WriteStatus.VersionConflict, statuses["y"]);
        Assert.Equal(WriteStatus.Committed, statuses["x"]);
        Assert.Equal(WriteStatus.Committed, statuses["z"]);
        Assert.Equal(Harness.Counter("y"), Assert.Single(_harness.Storage.Batches.ElementAt(2).Writes).Grain);
    }

    [Fact]
    public async Task CommitAsync_StorageThrows_OnlyThatBatchsTurnsSeeTheException()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var failure = new InvalidOperationException("database unavailable");
        var (first, rest) = await QueueBehindFirstWriteAsync(runtime, "x", "y");
        _harness.Storage.BeforeWrite = writes => writes.Count == 2 ? Task.FromException(failure) : Task.CompletedTask;
        _releaseFirstWrite.SetResult();

        Assert.Equal(1, await first.Within());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => rest.Within());
        Assert.Same(failure, error);
        Assert.Null(await _harness.ReadCounterAsync("x"));
        Assert.Equal(1, await runtime.GetGrain<CounterGrain>("x").InvokeAsync(g => g.IncrementAsync()));
    }

    [Fact]
    public async Task CommitAsync_TwoBatchesAllowedInFlight_SecondBatchWritesWhileFirstIsHeld()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.GroupCommit.MaxBatchesInFlight = 2);
        var first = runtime.GetGrain<CounterGrain>("first").InvokeAsync(g => g.IncrementAsync());
        await _firstWriteEntered.Task.Within();

        // The first batch is still held in the storage; the second flusher writes regardless.
        Assert.Equal(1, await runtime.GetGrain<CounterGrain>("second").InvokeAsync(g => g.IncrementAsync()).Within());
        Assert.False(first.IsCompleted);

        _releaseFirstWrite.SetResult();
        Assert.Equal(1, await first.Within());
    }

    [Fact]
    public async Task CommitAsync_OneBatchInFlight_SecondWriteWaitsForTheFirst()
    {
        var runtime = _harness.CreateRuntime(_probe);
        var (first, rest) = await QueueBehindFirstWriteAsync(runtime, "second");

        Assert.False(rest.IsCompleted);
        _releaseFirstWrite.SetResult();

        Assert.Equal(1, await first.Within());
        var others = await rest.Within();
        Assert.Equal(new[] { 1 }, others);
    }

    [Fact]
    public async Task CommitAsync_GroupCommitDisabled_EveryWriteAlone()
    {
        _releaseFirstWrite.SetResult();
        var runtime = _harness.CreateRuntime(_probe, o => o.GroupCommit.Enabled = false);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => runtime.GetGrain<CounterGrain>($"g{i}").InvokeAsync(g => g.IncrementAsync()))).Within();

        Assert.Equal(8, _harness.Storage.Batches.Count);
        Assert.All(_harness.Storage.Batches, b => Assert.Single(b.Writes));
    }

    [Fact]
    public async Task CommitAsync_MaxBatchSize_SplitsQueueIntoBatches()
    {
        var runtime = _harness.CreateRuntime(_probe, o => o.GroupCommit.MaxBatchSize = 2);
        var sizes = new List<int>();
        runtime.Events.BatchCommitted += size => { lock (sizes) { sizes.Add(size); } };

        var (first, rest) = await QueueBehindFirstWriteAsync(runtime, "a", "b", "c");
        _releaseFirstWrite.SetResult();
        await Task.WhenAll(first, rest).Within();

        Assert.Equal([1, 2, 1], sizes);
    }
}
