using TicketCluster.Runtime.Storage;
using TicketCluster.Testing;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Tests.Storage;

public sealed class InMemoryGrainStorageTests : IAsyncDisposable
{
    private static readonly GrainId A = new("counter", "a");
    private static readonly GrainId B = new("counter", "b");
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryGrainStorage _storage;
    private readonly CancellationToken _ct = CancellationToken.None;

    public InMemoryGrainStorageTests() => _storage = new InMemoryGrainStorage(_clock);

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    private static GrainWrite Write(GrainId grain, long expected, byte[]? state = null) =>
        new(grain, expected, state ?? [1], [], [], null, [], [], null);

    [Fact]
    public async Task WriteAsync_VersionsStartAtOneAndIncrement_ReadReturnsLatest()
    {
        var first = await _storage.WriteAsync([Write(A, 0, [1])], _ct);
        var second = await _storage.WriteAsync([Write(A, 1, [2])], _ct);

        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), first[0]);
        Assert.Equal(new WriteResult(WriteStatus.Committed, 2), second[0]);
        var record = await _storage.ReadStateAsync(A, _ct);
        Assert.Equal(2, record!.Version);
        Assert.Equal([2], record.State);
    }

    [Fact]
    public async Task WriteAsync_StaleVersionInBatch_FailsAloneAndLeavesNoTrace()
    {
        await _storage.WriteAsync([Write(A, 0)], _ct);
        var stale = new GrainWrite(A, 0, [9], [new ReminderRegistration("r", _clock.GetUtcNow(), null)], [], null,
            [new OutboxMessage(Guid.NewGuid(), A, B, "t", [1], _clock.GetUtcNow())], [new IdempotencyRecord("s", "k")], null);

        var results = await _storage.WriteAsync([stale, Write(B, 0)], _ct);

        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 1), results[0]);
        Assert.Equal(WriteStatus.Committed, results[1].Status);
        Assert.Empty(await _storage.ReadRemindersAsync(A, _ct));
        Assert.Null(await _storage.FindIdempotencyOwnerAsync("s", "k", _ct));
        Assert.Equal(0, (await _storage.ReadStatisticsAsync(_ct)).OutboxPending);
    }

    [Fact]
    public async Task WriteAsync_TwoWritesOfOneGrainInBatch_SecondCheckedAgainstFirst()
    {
        var results = await _storage.WriteAsync([Write(A, 0), Write(A, 1), Write(A, 1)], _ct);

        Assert.Equal([WriteStatus.Committed, WriteStatus.Committed, WriteStatus.VersionConflict], results.Select(r => r.Status));
        Assert.Equal(2, results[2].Version);
    }

    [Fact]
    public async Task WriteAsync_RecordedKey_ReturnsDuplicateWithOwner()
    {
        var keyed = Write(A, 0) with { IdempotencyKeys = [new IdempotencyRecord("intake", "k1")] };
        await _storage.WriteAsync([keyed], _ct);

        var results = await _storage.WriteAsync([Write(B, 0) with { IdempotencyKeys = [new IdempotencyRecord("intake", "k1")] }], _ct);

        Assert.Equal(WriteStatus.DuplicateKey, results[0].Status);
        Assert.Equal(A, results[0].DuplicateOwner);
        Assert.Null(await _storage.ReadStateAsync(B, _ct));
        Assert.Equal(new HashSet<string> { "k1" }, await _storage.FindRecordedKeysAsync("intake", ["k1", "k2"], _ct));
    }

    [Fact]
    public async Task ClaimOutboxAsync_EarlierMessageOfTargetStillLeased_LaterWaitsUntilLeaseEnds()
    {
        var lease = TimeSpan.FromMinutes(1);
        OutboxMessage Message() => new(Guid.NewGuid(), A, B, "t", [1], _clock.GetUtcNow());
        var first = Message();
        var second = Message();
        var other = Message() with { Target = A };
        await _storage.WriteAsync([Write(A, 0) with { Outbox = [first] }], _ct);
        Assert.Single(await _storage.ClaimOutboxAsync("node-1", 10, lease, _ct));
        await _storage.WriteAsync([Write(A, 1) with { Outbox = [second, other] }], _ct);

        var meanwhile = await _storage.ClaimOutboxAsync("node-2", 10, lease, _ct);
        await _storage.CompleteOutboxAsync([.. meanwhile.Select(c => new OutboxCompletion(c.Sequence, c.Fence))], _ct);
        _clock.Advance(lease);
        var retried = await _storage.ClaimOutboxAsync("node-2", 10, lease, _ct);

        Assert.Equal([other.EventId], meanwhile.Select(c => c.Message.EventId));
        Assert.Equal([first.EventId, second.EventId], retried.Select(c => c.Message.EventId));
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_LiveLease_NotClaimedTwiceUntilExpiry()
    {
        var now = _clock.GetUtcNow();
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("r", now, null)] }], _ct);

        var first = await _storage.ClaimDueRemindersAsync("n1", 10, TimeSpan.FromMinutes(1), _ct);
        var second = await _storage.ClaimDueRemindersAsync("n2", 10, TimeSpan.FromMinutes(1), _ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var third = await _storage.ClaimDueRemindersAsync("n2", 10, TimeSpan.FromMinutes(1), _ct);

        Assert.Single(first);
        Assert.Empty(second);
        Assert.Single(third);
        Assert.True(third[0].Fence > first[0].Fence);
    }

    [Fact]
    public async Task WriteAsync_CompletionWithStaleFence_FenceLostAndNoTrace()
    {
        var now = _clock.GetUtcNow();
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("r", now, null)] }], _ct);
        var stale = (await _storage.ClaimDueRemindersAsync("n1", 1, TimeSpan.FromMinutes(1), _ct))[0];
        _clock.Advance(TimeSpan.FromMinutes(2));
        var current = (await _storage.ClaimDueRemindersAsync("n2", 1, TimeSpan.FromMinutes(1), _ct))[0];

        var late = await _storage.WriteAsync([Write(A, 1) with { CompletedReminder = new ReminderCompletion("r", stale.Fence) }], _ct);
        var onTime = await _storage.WriteAsync([new GrainWrite(A, 0, null, [], [], new ReminderCompletion("r", current.Fence), [], [], null)], _ct);

        Assert.Equal(new WriteResult(WriteStatus.FenceLost, 1), late[0]);
        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), onTime[0]);
        Assert.Empty(await _storage.ReadRemindersAsync(A, _ct));
    }

    [Fact]
    public async Task WriteAsync_PeriodicCompletion_MovesToNextTickAfterNowAndReleases()
    {
        var start = _clock.GetUtcNow();
        var period = TimeSpan.FromMinutes(10);
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("p", start, period)] }], _ct);
        _clock.Advance(TimeSpan.FromMinutes(25));
        var claim = (await _storage.ClaimDueRemindersAsync("n1", 1, TimeSpan.FromMinutes(1), _ct))[0];

        await _storage.WriteAsync([new GrainWrite(A, 0, null, [], [], new ReminderCompletion("p", claim.Fence), [], [], null)], _ct);

        var entry = Assert.Single(await _storage.ReadRemindersAsync(A, _ct));
        Assert.Equal(start + TimeSpan.FromMinutes(30), entry.DueAt);
        Assert.Equal(start + TimeSpan.FromMinutes(30), await _storage.NextReminderDueAsync(_ct));
    }

    [Fact]
    public async Task WriteAsync_RepeatedPeriodicCompletion_FenceLost()
    {
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("p", _clock.GetUtcNow(), TimeSpan.FromMinutes(10))] }], _ct);
        var claim = (await _storage.ClaimDueRemindersAsync("n1", 1, TimeSpan.FromMinutes(1), _ct))[0];
        var completion = new GrainWrite(A, 0, null, [], [], new ReminderCompletion("p", claim.Fence), [], [], null);

        var first = await _storage.WriteAsync([completion], _ct);
        var repeated = await _storage.WriteAsync([completion], _ct);

        Assert.Equal(WriteStatus.Committed, first[0].Status);
        Assert.Equal(WriteStatus.FenceLost, repeated[0].Status);
    }

    [Fact]
    public async Task Reopen_AfterDispose_SeesTheSameData()
    {
        await _storage.WriteAsync([Write(A, 0, [7])], _ct);
        var reopened = _storage.Reopen();
        await _storage.DisposeAsync();

        var record = await reopened.ReadStateAsync(A, _ct);

        Assert.Equal([7], record!.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _storage.ReadStateAsync(A, _ct));
    }

    [Fact]
    public async Task WriteAsync_ReplacingClaimedReminder_VoidsTheClaim()
    {
        var now = _clock.GetUtcNow();
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("r", now, null)] }], _ct);
        var claim = (await _storage.ClaimDueRemindersAsync("n1", 1, TimeSpan.FromMinutes(1), _ct))[0];
        await _storage.WriteAsync([Write(A, 1) with { RegisterReminders = [new ReminderRegistration("r", now.AddHours(1), null)] }], _ct);

        var result = await _storage.WriteAsync([new GrainWrite(A, 0, null, [], [], new ReminderCompletion("r", claim.Fence), [], [], null)], _ct);

        Assert.Equal(WriteStatus.FenceLost, result[0].Status);
        Assert.Equal(now.AddHours(1), Assert.Single(await _storage.ReadRemindersAsync(A, _ct)).DueAt);
    }

    [Fact]
    public async Task ReleaseRemindersAsync_OwnersLiveClaims_ClaimableAtOnce()
    {
        var now = _clock.GetUtcNow();
        await _storage.WriteAsync([Write(A, 0) with { RegisterReminders = [new ReminderRegistration("r", now, null)] }], _ct);
        await _storage.ClaimDueRemindersAsync("n1", 1, TimeSpan.FromMinutes(1), _ct);
        Assert.Null(await _storage.NextReminderDueAsync(_ct));

        int released = await _storage.ReleaseRemindersAsync("n1", _ct);

        Assert.Equal(1, released);
        Assert.Equal(now, await _storage.NextReminderDueAsync(_ct));
        Assert.Single(await _storage.ClaimDueRemindersAsync("n2", 1, TimeSpan.FromMinutes(1), _ct));
    }

    [Fact]
    public async Task CompleteOutboxAsync_ReclaimedByOtherNode_LeftToThatNode()
    {
        var message = new OutboxMessage(Guid.NewGuid(), A, B, "t", [1], _clock.GetUtcNow());
        await _storage.WriteAsync([Write(A, 0) with { Outbox = [message] }], _ct);
        var first = Assert.Single(await _storage.ClaimOutboxAsync("n1", 10, TimeSpan.FromMinutes(1), _ct));
        Assert.Empty(await _storage.ClaimOutboxAsync("n2", 10, TimeSpan.FromMinutes(1), _ct));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await _storage.ClaimOutboxAsync("n2", 10, TimeSpan.FromMinutes(1), _ct));

        int stale = await _storage.CompleteOutboxAsync([new OutboxCompletion(first.Sequence, first.Fence)], _ct);
        int current = await _storage.CompleteOutboxAsync([new OutboxCompletion(second.Sequence, second.Fence)], _ct);

        Assert.Equal(message.EventId, second.Message.EventId);
        Assert.Equal(0, stale);
        Assert.Equal(1, current);
        Assert.Equal(0, (await _storage.ReadStatisticsAsync(_ct)).OutboxPending);
    }
}
