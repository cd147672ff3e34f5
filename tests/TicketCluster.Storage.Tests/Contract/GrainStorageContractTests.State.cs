using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    [Fact]
    public async Task ReadStateAsync_MissingGrain_ReturnsNull()
    {
        Assert.Null(await Storage.ReadStateAsync(Ticket("missing"), Ct));
        Assert.Empty(await Storage.ReadRemindersAsync(Ticket("missing"), Ct));
        Assert.Null(await Storage.ReadTicketRowAsync("missing", Ct));
    }

    [Fact]
    public async Task ReadStatesAsync_SomeWritten_ReturnsExactlyTheWrittenOnes()
    {
        await SeedAsync(Ticket("a"), "first");
        await SeedAsync(Ticket("b"), "second");
        await WriteOneAsync(Write(Ticket("b"), 1, "third"));

        var found = await Storage.ReadStatesAsync([Ticket("a"), Ticket("b"), Ticket("missing")], Ct);

        Assert.Equal(2, found.Count);
        Assert.Equal(Bytes("first"), found[Ticket("a")].State);
        Assert.Equal(1, found[Ticket("a")].Version);
        Assert.Equal(Bytes("third"), found[Ticket("b")].State);
        Assert.Equal(2, found[Ticket("b")].Version);
        Assert.Empty(await Storage.ReadStatesAsync([], Ct));
    }

    [Fact]
    public async Task WriteAsync_FirstWriteThenUpdates_VersionIncrements()
    {
        var grain = Ticket("t1");

        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), await WriteOneAsync(Write(grain, 0, "a")));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 2), await WriteOneAsync(Write(grain, 1, "b")));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 3), await WriteOneAsync(Write(grain, 2, "c")));

        var record = await Storage.ReadStateAsync(grain, Ct);
        Assert.NotNull(record);
        Assert.Equal(3, record.Version);
        Assert.Equal(Bytes("c"), record.State);
        Assert.Equal(grain, record.Grain);
    }

    [Fact]
    public async Task WriteAsync_StaleExpectedVersion_VersionConflictWithStoredVersion()
    {
        var grain = Ticket("t1");
        await SeedAsync(grain, "a");
        await WriteOneAsync(Write(grain, 1, "b"));

        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 2), await WriteOneAsync(Write(grain, 1, "stale")));
        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 2), await WriteOneAsync(Write(grain, 0, "fresh")));
        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 0), await WriteOneAsync(Write(Ticket("new"), 3, "x")));

        Assert.Equal(Bytes("b"), (await Storage.ReadStateAsync(grain, Ct))!.State);
        Assert.Null(await Storage.ReadStateAsync(Ticket("new"), Ct));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersOfOneGrain_ExactlyOneWinsPerVersion()
    {
        var grain = Ticket("hot");
        await SeedAsync(grain);

        for (var version = 1; version <= 3; version++)
        {
            var expected = version;
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => WriteOneAsync(Write(grain, expected, $"v{expected}-w{i}")))));

            Assert.Single(results, r => r.IsCommitted);
            Assert.All(results, r => Assert.Equal(expected + 1, r.Version));
            Assert.Equal(7, results.Count(r => r.Status == WriteStatus.VersionConflict));
        }

        Assert.Equal(4, (await Storage.ReadStateAsync(grain, Ct))!.Version);
    }

    [Fact]
    public async Task WriteAsync_BatchWithOneConflict_OthersCommittedAndFailedWriteLeavesNoTrace()
    {
        var now = await NowAsync();
        var loser = Ticket("loser");
        await SeedAsync(loser, "original");
        var failed = Write(
            loser,
            expected: 5,
            state: "lost",
            register: [new ReminderRegistration("first-response", now.AddHours(-1), null)],
            outbox: [Message(loser, new("customer", "c-1"), now)],
            keys: [new IdempotencyRecord("intake", "k-loser")],
            row: Row("loser", now));

        var results = await Storage.WriteAsync(
            [Write(Ticket("a"), 0, "a1"), failed, Write(Ticket("b"), 0, "b1", row: Row("b", now))],
            Ct);

        Assert.Equal([WriteStatus.Committed, WriteStatus.VersionConflict, WriteStatus.Committed], results.Select(r => r.Status));
        Assert.Equal([1L, 1L, 1L], results.Select(r => r.Version));
        Assert.Equal(Bytes("a1"), (await Storage.ReadStateAsync(Ticket("a"), Ct))!.State);
        Assert.NotNull(await Storage.ReadTicketRowAsync("b", Ct));

        Assert.Equal(Bytes("original"), (await Storage.ReadStateAsync(loser, Ct))!.State);
        Assert.Empty(await Storage.ReadRemindersAsync(loser, Ct));
        Assert.Empty(await Storage.ClaimOutboxAsync("node-1", 10, LongLease, Ct));
        Assert.Null(await Storage.FindIdempotencyOwnerAsync("intake", "k-loser", Ct));
        Assert.Null(await Storage.ReadTicketRowAsync("loser", Ct));
    }

    [Fact]
    public async Task WriteAsync_TwoWritesOfOneGrainInBatch_SecondCheckedAgainstFirst()
    {
        var grain = Ticket("twice");

        var first = await Storage.WriteAsync([Write(grain, 0, "a"), Write(grain, 1, "b")], Ct);
        var second = await Storage.WriteAsync([Write(grain, 2, "c"), Write(grain, 2, "d")], Ct);

        Assert.Equal([new WriteResult(WriteStatus.Committed, 1), new WriteResult(WriteStatus.Committed, 2)], first);
        Assert.Equal([new WriteResult(WriteStatus.Committed, 3), new WriteResult(WriteStatus.VersionConflict, 3)], second);
        Assert.Equal(Bytes("c"), (await Storage.ReadStateAsync(grain, Ct))!.State);
    }

    [Fact]
    public async Task WriteAsync_NullState_WritesOtherPartsWithoutVersionCheck()
    {
        var now = await NowAsync();
        var grain = Ticket("stateless");
        await SeedAsync(grain, "kept");

        var result = await WriteOneAsync(Write(
            grain, expected: 99, state: null, register: [new ReminderRegistration("survey", now.AddHours(1), null)]));

        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), result);
        Assert.Equal(Bytes("kept"), (await Storage.ReadStateAsync(grain, Ct))!.State);
        Assert.Single(await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 0), await WriteOneAsync(Write(Ticket("none"), 0, null)));
    }

    [Fact]
    public async Task WriteAsync_DuplicateKeyInLaterBatch_NamesOwnerAndLeavesNoTrace()
    {
        var owner = Ticket("first");
        var second = Ticket("second");
        var key = new IdempotencyRecord("intake", "web:order-1:broken");
        Assert.True((await WriteOneAsync(Write(owner, 0, "a", keys: [key]))).IsCommitted);

        var result = await WriteOneAsync(Write(second, 0, "b", keys: [new IdempotencyRecord("intake", "other"), key], row: Row("second", await NowAsync())));

        Assert.Equal(new WriteResult(WriteStatus.DuplicateKey, 0, owner), result);
        Assert.Null(await Storage.ReadStateAsync(second, Ct));
        Assert.Null(await Storage.ReadTicketRowAsync("second", Ct));
        Assert.Null(await Storage.FindIdempotencyOwnerAsync("intake", "other", Ct));
        Assert.Equal(owner, await Storage.FindIdempotencyOwnerAsync("intake", key.Key, Ct));
    }

    [Fact]
    public async Task WriteAsync_ExistingGrainMeetsDuplicateKey_StateAndVersionUnchanged()
    {
        var owner = Ticket("owner");
        var grain = Ticket("existing");
        var key = new IdempotencyRecord("channel:app", "msg-1");
        Assert.True((await WriteOneAsync(Write(owner, 0, "a", keys: [key]))).IsCommitted);
        Assert.True((await WriteOneAsync(Write(grain, 0, "before"))).IsCommitted);

        var result = await WriteOneAsync(Write(grain, 1, "after", keys: [new IdempotencyRecord("channel:app", "msg-2"), key]));

        Assert.Equal(new WriteResult(WriteStatus.DuplicateKey, 1, owner), result);
        var record = await Storage.ReadStateAsync(grain, Ct);
        Assert.Equal(1, record!.Version);
        Assert.Equal(Bytes("before"), record.State);
        Assert.Null(await Storage.FindIdempotencyOwnerAsync("channel:app", "msg-2", Ct));
    }

    [Fact]
    public async Task WriteAsync_VersionConflictWithKeys_KeysNotRecorded()
    {
        var grain = Ticket("existing");
        Assert.True((await WriteOneAsync(Write(grain, 0, "before"))).IsCommitted);

        var result = await WriteOneAsync(Write(grain, 5, "stale", keys: [new IdempotencyRecord("intake", "k-stale")]));

        Assert.Equal(new WriteResult(WriteStatus.VersionConflict, 1), result);
        Assert.Null(await Storage.FindIdempotencyOwnerAsync("intake", "k-stale", Ct));
    }

    [Fact]
    public async Task WriteAsync_DuplicateKeyWithinOneBatch_OneCommitsAndTheOtherNamesIt()
    {
        // Writes of different grains in one batch are concurrent turns: either may win the key, and
        // the loser must name the winner.
        var key = new IdempotencyRecord("intake", "hotline:call-9");
        var grains = new[] { Ticket("b-first"), Ticket("a-second") };

        var results = await Storage.WriteAsync([Write(grains[0], 0, "a", keys: [key]), Write(grains[1], 0, "b", keys: [key])], Ct);

        var winner = Assert.Single(results, r => r.IsCommitted);
        var loser = Assert.Single(results, r => r.Status == WriteStatus.DuplicateKey);
        var winnerGrain = grains[Array.IndexOf([.. results], winner)];
        var loserGrain = grains[Array.IndexOf([.. results], loser)];
        Assert.Equal(new WriteResult(WriteStatus.DuplicateKey, 0, winnerGrain), loser);
        Assert.Equal(winnerGrain, await Storage.FindIdempotencyOwnerAsync("intake", key.Key, Ct));
        Assert.Null(await Storage.ReadStateAsync(loserGrain, Ct));
    }

    [Fact]
    public async Task FindRecordedKeysAsync_MixOfKnownAndUnknown_ReturnsOnlyRecordedOfThatScope()
    {
        var grain = Ticket("receiver");
        await WriteOneAsync(Write(grain, 0, "a", keys: [new IdempotencyRecord("applied", "e1"), new IdempotencyRecord("applied", "e2"), new IdempotencyRecord("other", "e3")]));

        var found = await Storage.FindRecordedKeysAsync("applied", ["e1", "e3", "e4", "e2"], Ct);

        Assert.Equal(["e1", "e2"], found.Order(StringComparer.Ordinal));
        Assert.Empty(await Storage.FindRecordedKeysAsync("applied", [], Ct));
    }

    [Fact]
    public async Task WriteAsync_TicketRow_UpsertedAndReadBack()
    {
        var now = await NowAsync();
        var grain = Ticket("T-100");
        var row = Row("T-100", now);
        await WriteOneAsync(Write(grain, 0, "a", row: row));
        Assert.Equal(row, await Storage.ReadTicketRowAsync("T-100", Ct));

        var resolved = row with { Status = "resolved", Assignee = null, OrderId = null, NextDeadline = null, EscalationLevel = 2, UpdatedAt = now.AddHours(1), ResolvedAt = now.AddHours(1) };
        await WriteOneAsync(Write(grain, 1, "b", row: resolved));

        Assert.Equal(resolved, await Storage.ReadTicketRowAsync("T-100", Ct));
    }

    [Fact]
    public async Task WriteAsync_SameKeyTwiceInOneWrite_DuplicateOwnedByTheWriter()
    {
        var grain = Ticket("t1");
        var key = new IdempotencyRecord("intake", "k1");

        var result = await WriteOneAsync(Write(grain, 0, "a", keys: [key, key]));

        Assert.Equal(new WriteResult(WriteStatus.DuplicateKey, 0, grain), result);
        Assert.Null(await Storage.FindIdempotencyOwnerAsync("intake", "k1", Ct));
        Assert.Null(await Storage.ReadStateAsync(grain, Ct));
    }
}
