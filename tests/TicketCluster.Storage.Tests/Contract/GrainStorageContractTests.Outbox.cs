using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    [Fact]
    public async Task ClaimOutboxAsync_Backlog_OldestFirstUpToMaxWithPayload()
    {
        var now = await NowAsync();
        var source = Ticket("t1");
        var messages = Enumerable.Range(0, 3).Select(i => Message(source, new("customer", "c-1"), now.AddSeconds(i), $"event-{i}")).ToList();
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
