using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    [Fact]
    public async Task ClaimOutboxAsync_Backlog_OldestFirstUpToMaxWithPayload()
    {
        var now = await NowAsync();
        var source = Ticket("t1");
        var messages = Enumerable.Range(0, 3).Select(i => Message(source, new("customer", $"c-{i}"), now.AddSeconds(i), $"event-{i}")).ToList();
        await WriteOneAsync(Write(source, 0, "a", outbox: messages.Take(2).ToList()));
        await WriteOneAsync(Write(source, 1, "b", outbox: messages.Skip(2).ToList()));

        var first = await Storage.ClaimOutboxAsync("node-1", 2, LongLease, Ct);
        var rest = await Storage.ClaimOutboxAsync("node-2", 10, LongLease, Ct);

        Assert.Equal(messages.Take(2).Select(m => m.EventId), first.Select(c => c.Message.EventId));
        Assert.True(first[0].Sequence < first[1].Sequence);
        Assert.Equal(messages[0].Payload, first[0].Message.Payload);
        Assert.Equal(messages[0] with { Payload = first[0].Message.Payload }, first[0].Message);
        Assert.Equal([messages[2].EventId], rest.Select(c => c.Message.EventId));
        Assert.Empty(await Storage.ClaimOutboxAsync("node-3", 10, LongLease, Ct));
    }

    [Fact]
    public async Task ClaimOutboxAsync_EarlierMessageOfTargetStillLeased_LaterWaitsUntilLeaseEnds()
    {
        var now = await NowAsync();
        var source = Ticket("t1");
        var hook = new GrainId("webhook", "sub-1/t1");
        var first = Message(source, hook, now, "opened");
        var second = Message(source, hook, now, "acknowledged");
        var other = Message(source, new("customer", "c-1"), now);
        await WriteOneAsync(Write(source, 0, "a", outbox: [first]));
        var failed = Assert.Single(await Storage.ClaimOutboxAsync("node-1", 10, ShortLease, Ct));
        await WriteOneAsync(Write(source, 1, "b", outbox: [second, other]));

        var meanwhile = await Storage.ClaimOutboxAsync("node-2", 10, ShortLease, Ct);
        Assert.Equal([other.EventId], meanwhile.Select(c => c.Message.EventId));
        Assert.Equal(1, await Storage.CompleteOutboxAsync([new OutboxCompletion(meanwhile[0].Sequence, meanwhile[0].Fence)], Ct));
        Assert.Empty(await Storage.ClaimOutboxAsync("node-2", 10, ShortLease, Ct));

        await WaitForLeasesToExpireAsync();
        var retried = await Storage.ClaimOutboxAsync("node-2", 10, LongLease, Ct);

        Assert.Equal([first.EventId, second.EventId], retried.Select(c => c.Message.EventId));
        Assert.Equal(failed.Sequence, retried[0].Sequence);
        Assert.True(retried[0].Sequence < retried[1].Sequence);
    }

    [Fact]
    public async Task ClaimOutboxAsync_EarlierMessageOfTargetCompleted_LaterClaimable()
    {
        var now = await NowAsync();
        var source = Ticket("t1");
        var hook = new GrainId("webhook", "sub-1/t1");
        await WriteOneAsync(Write(source, 0, "a", outbox: [Message(source, hook, now, "opened")]));
        var first = Assert.Single(await Storage.ClaimOutboxAsync("node-1", 10, LongLease, Ct));
        var second = Message(source, hook, now, "acknowledged");
        await WriteOneAsync(Write(source, 1, "b", outbox: [second]));
        Assert.Empty(await Storage.ClaimOutboxAsync("node-2", 10, LongLease, Ct));

        Assert.Equal(1, await Storage.CompleteOutboxAsync([new OutboxCompletion(first.Sequence, first.Fence)], Ct));
        var next = Assert.Single(await Storage.ClaimOutboxAsync("node-2", 10, LongLease, Ct));

        Assert.Equal(second.EventId, next.Message.EventId);
    }

    [Fact]
    public async Task CompleteOutboxAsync_CurrentFence_RemovesAndStaleFenceLeavesForNewHolder()
    {
        var now = await NowAsync();
        var source = Ticket("t1");
        await WriteOneAsync(Write(source, 0, "a", outbox: [Message(source, new("merchant", "m-1"), now), Message(source, new("webhook", "sub-1"), now)]));
        var stalled = await Storage.ClaimOutboxAsync("node-1", 10, ShortLease, Ct);
        Assert.Equal(2, stalled.Count);

        await WaitForLeasesToExpireAsync();
        var retaken = await Storage.ClaimOutboxAsync("node-2", 1, LongLease, Ct);
        var completion = stalled.Select(c => new OutboxCompletion(c.Sequence, c.Fence)).ToList();

        var claimedAgain = Assert.Single(retaken);
        Assert.Equal(stalled[0].Sequence, claimedAgain.Sequence);
        Assert.True(claimedAgain.Fence > stalled[0].Fence);
        Assert.Equal(1, await Storage.CompleteOutboxAsync(completion, Ct));
        Assert.Empty(await Storage.ClaimOutboxAsync("node-3", 10, LongLease, Ct));
        Assert.Equal(1, await Storage.CompleteOutboxAsync([new OutboxCompletion(claimedAgain.Sequence, claimedAgain.Fence)], Ct));
        Assert.Equal(0, (await Storage.ReadStatisticsAsync(Ct)).OutboxPending);
        Assert.Equal(0, await Storage.CompleteOutboxAsync([], Ct));
    }

    [Fact]
    public async Task ReadStatisticsAsync_RemindersAndBacklog_Counted()
    {
        var empty = await Storage.ReadStatisticsAsync(Ct);
        Assert.Equal(new StorageStatistics(0, 0, 0, null), empty);
        var now = await NowAsync();
        var source = Ticket("t1");
        await WriteOneAsync(Write(source, 0, "a",
            register: [new ReminderRegistration("due", now.AddMinutes(-1), null), new ReminderRegistration("later", now.AddHours(1), null)],
            outbox: [Message(source, new("customer", "c-1"), now.AddMinutes(-3)), Message(source, new("merchant", "m-1"), now.AddMinutes(-2))]));

        Assert.Equal(new StorageStatistics(2, 1, 2, now.AddMinutes(-3)), await Storage.ReadStatisticsAsync(Ct));
    }
}
