using System.Collections.Concurrent;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Tests.Support;

/// <summary>Forwards to an inner storage, records every write batch and its results, and lets a test
/// hold a batch or make one fail.</summary>
public sealed class RecordingStorage(IGrainStorage inner) : IGrainStorage
{
    public ConcurrentQueue<(IReadOnlyList<GrainWrite> Writes, IReadOnlyList<WriteResult> Results)> Batches { get; } = new();

    /// <summary>Runs before a batch reaches the inner storage; may wait or throw.</summary>
    public Func<IReadOnlyList<GrainWrite>, Task>? BeforeWrite { get; set; }

    public Func<Task>? BeforeCompleteOutbox { get; set; }

    public IGrainStorage Inner => inner;

    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } before)
        {
            await before(writes);
        }

        var results = await inner.WriteAsync(writes, cancellationToken);
        Batches.Enqueue((writes, results));
        return results;
    }

    public async Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxCompletion> delivered, CancellationToken cancellationToken)
    {
        if (BeforeCompleteOutbox is { } before)
        {
            await before();
        }

        return await inner.CompleteOutboxAsync(delivered, cancellationToken);
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => inner.EnsureSchemaAsync(cancellationToken);

    private int _stateReads;

    /// <summary>How many times a grain's state was read.</summary>
    public int StateReads => Volatile.Read(ref _stateReads);

    public Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stateReads);
        return inner.ReadStateAsync(grain, cancellationToken);
    }

    public Task<IReadOnlyDictionary<GrainId, GrainRecord>> ReadStatesAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stateReads);
        return inner.ReadStatesAsync(grains, cancellationToken);
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken) => inner.ReadRemindersAsync(grain, cancellationToken);

    public Task<GrainId?> FindIdempotencyOwnerAsync(string scope, string key, CancellationToken cancellationToken) => inner.FindIdempotencyOwnerAsync(scope, key, cancellationToken);

    public Task<IReadOnlySet<string>> FindRecordedKeysAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => inner.FindRecordedKeysAsync(scope, keys, cancellationToken);

    public Task<IReadOnlyList<ClaimedReminder>> ClaimDueRemindersAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) => inner.ClaimDueRemindersAsync(owner, max, lease, cancellationToken);

    public Task<int> ReleaseRemindersAsync(string owner, CancellationToken cancellationToken) => inner.ReleaseRemindersAsync(owner, cancellationToken);

    public Task<DateTimeOffset?> NextReminderDueAsync(CancellationToken cancellationToken) => inner.NextReminderDueAsync(cancellationToken);

    public Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimOutboxAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken) => inner.ClaimOutboxAsync(owner, max, lease, cancellationToken);

    public Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken) => inner.ReadTicketRowAsync(ticketId, cancellationToken);

    public Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken) => inner.QueryTicketsAsync(query, cancellationToken);

    public IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) => inner.ReadTicketRowsCreatedAsync(from, until, cancellationToken);

    public Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken) => inner.HeartbeatAsync(heartbeat, cancellationToken);

    public Task<IReadOnlyList<ClusterNodeRecord>> ReadMembershipAsync(TimeSpan deadAfter, CancellationToken cancellationToken) => inner.ReadMembershipAsync(deadAfter, cancellationToken);

    public Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken) => inner.RemoveNodeAsync(nodeId, cancellationToken);

    public Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken) => inner.ReadStatisticsAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
