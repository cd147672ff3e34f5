using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    [Fact]
    public async Task EnsureSchemaAsync_CalledAgain_ChangesNothing()
    {
        await SeedAsync(Ticket("t1"), "kept");

        await Storage.EnsureSchemaAsync(Ct);
        await Storage.EnsureSchemaAsync(Ct);

        Assert.Equal(Bytes("kept"), (await Storage.ReadStateAsync(Ticket("t1"), Ct))!.State);
    }

    [Fact]
    public async Task EnsureSchemaAsync_SeveralNodesAtOnceOnEmptyStore_AllSucceedAndStoreWorks()
    {
        var location = await CreateLocationAsync();
        var nodes = Enumerable.Range(0, 6).Select(_ => Open(location)).ToList();
        try
        {
            await Task.WhenAll(nodes.Select(n => Task.Run(() => n.EnsureSchemaAsync(Ct))));

            Assert.Equal(new WriteResult(WriteStatus.Committed, 1), (await nodes[0].WriteAsync([Write(Ticket("t1"), 0, "a")], Ct))[0]);
            Assert.Equal(1, (await nodes[5].ReadStateAsync(Ticket("t1"), Ct))!.Version);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reopen_AfterWrites_EverythingStillThere()
    {
        var now = await NowAsync();
        var grain = Ticket("t1");
        var key = new IdempotencyRecord("intake", "k1");
        var message = Message(grain, new("customer", "c-1"), now);
        await WriteOneAsync(Write(grain, 0, "a",
            register: [new ReminderRegistration("sla", now.AddHours(1), TimeSpan.FromHours(2))],
            outbox: [message], keys: [key], row: Row("t1", now)));

        await ReopenAsync();

        var record = await Storage.ReadStateAsync(grain, Ct);
        Assert.Equal(1, record!.Version);
        Assert.Equal(Bytes("a"), record.State);
        Assert.Equal([new ReminderEntry(grain, "sla", now.AddHours(1), TimeSpan.FromHours(2))], await Storage.ReadRemindersAsync(grain, Ct));
        Assert.Equal(grain, await Storage.FindIdempotencyOwnerAsync("intake", "k1", Ct));
        Assert.Equal(Row("t1", now), await Storage.ReadTicketRowAsync("t1", Ct));
        Assert.Equal(message.EventId, Assert.Single(await Storage.ClaimOutboxAsync("node-1", 10, LongLease, Ct)).Message.EventId);
        Assert.Equal(new WriteResult(WriteStatus.Committed, 2), await WriteOneAsync(Write(grain, 1, "b")));
    }

    [Fact]
    public async Task WriteAsync_DatabaseRejectsOneWrite_WholeBatchThrowsAndNothingCommitted()
    {
        var now = await NowAsync();
        var broken = Row("t2", now) with { Status = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync([Write(Ticket("t1"), 0, "a"), Write(Ticket("t2"), 0, "b", row: broken)], Ct));

        Assert.Null(await Storage.ReadStateAsync(Ticket("t1"), Ct));
        Assert.Null(await Storage.ReadStateAsync(Ticket("t2"), Ct));
        Assert.Equal(new WriteResult(WriteStatus.Committed, 1), await WriteOneAsync(Write(Ticket("t1"), 0, "a")));
    }

    [Fact]
    public async Task Calls_CancelledToken_ThrowOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.WriteAsync([Write(Ticket("t1"), 0, "a")], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.ClaimDueRemindersAsync("node-1", 10, LongLease, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.ReadStateAsync(Ticket("t1"), cancelled.Token));
        Assert.Null(await Storage.ReadStateAsync(Ticket("t1"), Ct));
    }
}
