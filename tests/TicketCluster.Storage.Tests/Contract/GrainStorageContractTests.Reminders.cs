using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    [Fact]
    public async Task WriteAsync_RegisterReplaceUnregister_RemindersFollow()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register:
        [
            new ReminderRegistration("resolution", now.AddDays(3), null),
            new ReminderRegistration("first-response", now.AddHours(4), TimeSpan.FromHours(1)),
        ]));

        Assert.Equal(
            [new ReminderEntry(grain, "first-response", now.AddHours(4), TimeSpan.FromHours(1)), new ReminderEntry(grain, "resolution", now.AddDays(3), null)],
            await Storage.ReadRemindersAsync(grain, Ct));

        await WriteOneAsync(Write(grain, 1, "b", register: [new ReminderRegistration("resolution", now.AddDays(1), null)], unregister: ["first-response"]));

        Assert.Equal([new ReminderEntry(grain, "resolution", now.AddDays(1), null)], await Storage.ReadRemindersAsync(grain, Ct));
    }

    [Fact]
    public async Task WriteAsync_ReplaceClaimedReminder_FenceMovesOnAndOldClaimIsLost()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddHours(-1), null)]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        await WriteOneAsync(Write(grain, 1, "b", register: [new ReminderRegistration("sla", now.AddHours(-1), null)]));
        var result = await WriteOneAsync(Write(grain, 2, "c", completed: new ReminderCompletion("sla", claim.Fence)));

        Assert.Equal(new WriteResult(WriteStatus.FenceLost, 2), result);
        var reclaimed = Assert.Single(await Storage.ClaimDueRemindersAsync("node-2", 10, LongLease, Ct));
        Assert.True(reclaimed.Fence > claim.Fence);
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_SeveralDue_EarliestFirstUpToMaxAndNotFutureOnes()
    {
        var now = await NowAsync();
        await WriteOneAsync(Write(Ticket("a"), 0, "a", register: [new ReminderRegistration("r", now.AddHours(-1), null), new ReminderRegistration("future", now.AddHours(1), null)]));
        await WriteOneAsync(Write(Ticket("b"), 0, "b", register: [new ReminderRegistration("r", now.AddHours(-3), TimeSpan.FromMinutes(30))]));
        await WriteOneAsync(Write(Ticket("c"), 0, "c", register: [new ReminderRegistration("r", now.AddHours(-2), null)]));

        var first = await Storage.ClaimDueRemindersAsync("node-1", 2, LongLease, Ct);
        var rest = await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct);

        Assert.Equal([Ticket("b"), Ticket("c")], first.Select(c => c.Grain));
        Assert.Equal(new ClaimedReminder(Ticket("b"), "r", now.AddHours(-3), TimeSpan.FromMinutes(30), first[0].Fence, first[0].ClaimedAt), first[0]);
        Assert.True(first[0].ClaimedAt >= now);
        Assert.Equal([Ticket("a")], rest.Select(c => c.Grain));
        Assert.Empty(await Storage.ClaimDueRemindersAsync("node-2", 10, LongLease, Ct));
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_EightConcurrentClaimers_EachReminderClaimedExactlyOnce()
    {
        var now = await NowAsync();
        var writes = Enumerable.Range(0, 100).Select(g => Write(
            Ticket($"g{g:D3}"), 0, "s", register: [.. Enumerable.Range(0, 10).Select(r => new ReminderRegistration($"r{r}", now.AddSeconds(-(g * 10 + r) - 1), null))]));
        await Storage.WriteAsync([.. writes], Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(async () =>
        {
            var mine = new List<ClaimedReminder>();
            while (true)
            {
                var batch = await Storage.ClaimDueRemindersAsync($"node-{n}", 50, LongLease, Ct);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch);
            }
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(1000, all.Count);
        Assert.Equal(1000, all.Select(c => (c.Grain, c.Name)).Distinct().Count());
        Assert.Equal(1000, all.Select(c => c.Fence).Distinct().Count());
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_LeaseExpired_AnotherOwnerClaimsWithHigherFenceAndOldClaimIsLost()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        var stalled = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, ShortLease, Ct));
        Assert.Empty(await Storage.ClaimDueRemindersAsync("node-2", 10, ShortLease, Ct));

        await WaitForLeasesToExpireAsync();
        var taken = Assert.Single(await Storage.ClaimDueRemindersAsync("node-2", 10, LongLease, Ct));

        Assert.True(taken.Fence > stalled.Fence);
        var late = await WriteOneAsync(Write(grain, 1, "late", completed: new ReminderCompletion("sla", stalled.Fence), outbox: [Message(grain, new("merchant", "m-1"), now)]));
        Assert.Equal(new WriteResult(WriteStatus.FenceLost, 1), late);
        Assert.Equal(Bytes("a"), (await Storage.ReadStateAsync(grain, Ct))!.State);
        Assert.Empty(await Storage.ClaimOutboxAsync("node-1", 10, LongLease, Ct));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 2), await WriteOneAsync(Write(grain, 1, "fired", completed: new ReminderCompletion("sla", taken.Fence))));
    }

    [Fact]
    public async Task WriteAsync_CompleteOneShot_RemovedAndRepeatedCompletionIsFenceLost()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        Assert.True((await WriteOneAsync(Write(grain, 1, "b", completed: new ReminderCompletion("sla", claim.Fence)))).IsCommitted);
        Assert.Empty(await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Equal(WriteStatus.FenceLost, (await WriteOneAsync(Write(grain, 2, "c", completed: new ReminderCompletion("sla", claim.Fence)))).Status);
    }

    [Fact]
    public async Task WriteAsync_CompletionRefusedByDuplicateKey_ReminderKeptAndStillCompletable()
    {
        var now = await NowAsync();
        var owner = Ticket("owner");
        var grain = Ticket("t1");
        var key = new IdempotencyRecord("channel:app", "msg-1");
        Assert.True((await WriteOneAsync(Write(owner, 0, "o", keys: [key]))).IsCommitted);
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        var refused = await WriteOneAsync(Write(grain, 1, "b", completed: new ReminderCompletion("sla", claim.Fence), keys: [key]));

        Assert.Equal(new WriteResult(WriteStatus.DuplicateKey, 1, owner), refused);
        Assert.Equal([new ReminderEntry(grain, "sla", now.AddMinutes(-1), null)], await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Empty(await Storage.ClaimDueRemindersAsync("node-2", 10, LongLease, Ct));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 2), await WriteOneAsync(Write(grain, 1, "b", completed: new ReminderCompletion("sla", claim.Fence))));
        Assert.Empty(await Storage.ReadRemindersAsync(grain, Ct));
    }

    [Fact]
    public async Task WriteAsync_CompletionWithStaleVersion_VersionConflictAndReminderKept()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));
        await WriteOneAsync(Write(grain, 1, "command"));

        var stale = await WriteOneAsync(Write(grain, 1, "fired", completed: new ReminderCompletion("sla", claim.Fence)));

        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 2), stale);
        Assert.Single(await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 3), await WriteOneAsync(Write(grain, 2, "fired", completed: new ReminderCompletion("sla", claim.Fence))));
        Assert.Equal(Bytes("fired"), (await Storage.ReadStateAsync(grain, Ct))!.State);
    }

    [Fact]
    public async Task WriteAsync_CompletePeriodic_NextDueAfterNowAndReleased()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        var due = now.AddSeconds(-10);
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("tick", due, TimeSpan.FromHours(1))]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        var result = await WriteOneAsync(Write(grain, 1, null, completed: new ReminderCompletion("tick", claim.Fence)));

        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), result);
        Assert.Equal([new ReminderEntry(grain, "tick", due.AddHours(1), TimeSpan.FromHours(1))], await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Equal(due.AddHours(1), await Storage.NextReminderDueAsync(Ct));
        Assert.Equal(WriteStatus.FenceLost, (await WriteOneAsync(Write(grain, 1, null, completed: new ReminderCompletion("tick", claim.Fence)))).Status);
    }

    [Fact]
    public async Task WriteAsync_CompletionAndRegistrationOfSameName_RegistrationWins()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        var claim = Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        await WriteOneAsync(Write(grain, 1, "b", completed: new ReminderCompletion("sla", claim.Fence), register: [new ReminderRegistration("sla", now.AddHours(2), null)]));

        Assert.Equal([new ReminderEntry(grain, "sla", now.AddHours(2), null)], await Storage.ReadRemindersAsync(grain, Ct));
    }

    [Fact]
    public async Task ReleaseRemindersAsync_LiveClaims_ReleasedForOthersAndOldFenceLost()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        await WriteOneAsync(Write(grain, 0, "a", register: [new ReminderRegistration("x", now.AddMinutes(-2), null), new ReminderRegistration("y", now.AddMinutes(-1), null)]));
        var claims = await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct);

        Assert.Equal(2, await Storage.ReleaseRemindersAsync("node-1", Ct));
        Assert.Equal(0, await Storage.ReleaseRemindersAsync("node-1", Ct));

        var again = await Storage.ClaimDueRemindersAsync("node-2", 10, LongLease, Ct);
        Assert.Equal(2, again.Count);
        Assert.Equal(WriteStatus.FenceLost, (await WriteOneAsync(Write(grain, 1, null, completed: new ReminderCompletion("x", claims[0].Fence)))).Status);
    }

    [Fact]
    public async Task NextReminderDueAsync_SkipsLeasedReminders_NullWhenNone()
    {
        Assert.Null(await Storage.NextReminderDueAsync(Ct));
        var now = await NowAsync();
        await WriteOneAsync(Write(Ticket("a"), 0, "a", register: [new ReminderRegistration("r", now.AddMinutes(-5), null)]));
        await WriteOneAsync(Write(Ticket("b"), 0, "b", register: [new ReminderRegistration("r", now.AddHours(2), null)]));
        Assert.Equal(now.AddMinutes(-5), await Storage.NextReminderDueAsync(Ct));

        Assert.Single(await Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, Ct));

        Assert.Equal(now.AddHours(2), await Storage.NextReminderDueAsync(Ct));
    }
}
