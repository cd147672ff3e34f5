using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Tests.Contract;

public abstract partial class GrainStorageContractTests
{
    private static NodeHeartbeat Heartbeat(string node, NodeStatus status = NodeStatus.Active, int activations = 3) =>
        new(node, "http://10.0.0.1:5080", "1.0.0", new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), status, activations, 10, 7);

    [Fact]
    public async Task HeartbeatAsync_ThenRead_ListsNodesInIdOrderAsTheyReported()
    {
        await Storage.HeartbeatAsync(Heartbeat("node-b"), Ct);
        await Storage.HeartbeatAsync(Heartbeat("node-a", NodeStatus.Draining), Ct);
        await Storage.HeartbeatAsync(Heartbeat("node-b", activations: 9), Ct);

        var nodes = await Storage.ReadMembershipAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Equal(["node-a", "node-b"], nodes.Select(n => n.Node.NodeId));
        Assert.Equal(NodeStatus.Draining, nodes[0].Node.Status);
        Assert.Equal(Heartbeat("node-b", activations: 9), nodes[1].Node);
        Assert.All(nodes, n => Assert.False(n.Expired));
    }

    [Fact]
    public async Task ReadMembershipAsync_SilentPastDeadAfter_IsExpired()
    {
        await Storage.HeartbeatAsync(Heartbeat("node-a"), Ct);

        // A lease taken after the heartbeat: once it has expired by the storage's clock, so has the
        // heartbeat by the same span.
        var now = await NowAsync();
        await WriteOneAsync(Write(Ticket("t-heartbeat"), 0, "a", register: [new ReminderRegistration("sla", now.AddMinutes(-1), null)]));
        Assert.Single(await Storage.ClaimDueRemindersAsync("node-a", 10, ShortLease, Ct));
        await WaitForLeasesToExpireAsync();

        var node = Assert.Single(await Storage.ReadMembershipAsync(ShortLease, Ct));
        Assert.True(node.Expired);
        Assert.False(Assert.Single(await Storage.ReadMembershipAsync(TimeSpan.FromHours(1), Ct)).Expired);
    }

    [Fact]
    public async Task RemoveNodeAsync_NodeLeft_IsNoLongerListed()
    {
        await Storage.HeartbeatAsync(Heartbeat("node-a"), Ct);
        await Storage.HeartbeatAsync(Heartbeat("node-b"), Ct);

        await Storage.RemoveNodeAsync("node-a", Ct);

        Assert.Equal(["node-b"], (await Storage.ReadMembershipAsync(TimeSpan.FromMinutes(1), Ct)).Select(n => n.Node.NodeId));
    }
}
