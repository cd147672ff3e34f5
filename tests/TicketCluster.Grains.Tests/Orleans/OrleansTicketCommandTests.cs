using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>Commands on the ticket grain: refused ones write nothing, the audit trail replays to the state,
/// and a command key answers a retry with the first answer.</summary>
public sealed class OrleansTicketCommandTests() : OrleansClusterTests
{
    private static readonly Actor Agent = new("agent-1", ActorRole.Agent);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DomainJson.Options);

    private Task<TicketOutcome> SendAsync(TicketCommand command, CommandKey? key = null) =>
        Cluster.Ticket("T1").ExecuteAsync(command, null, key);

    /// <summary>The stored version is read once the ticket's owed facts are delivered (their acknowledgement
    /// is a write of its own).</summary>
    [Fact]
    public async Task ExecuteAsync_NotAllowedInStatus_RejectedAndNothingWritten()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        await Cluster.Ticket("T1").ReconcileAsync();
        var stored = Cluster.StoredVersion(GrainTypes.Ticket, "T1");

        var outcome = await SendAsync(new ArchiveTicket { Actor = TestTickets.Agent });

        var rejection = Assert.IsType<CommandNotAllowed>(outcome.Rejection);
        Assert.Equal(TicketStatus.Open, rejection.Status);
        Assert.NotNull(stored);
        Assert.Equal(stored, Cluster.StoredVersion(GrainTypes.Ticket, "T1"));
    }

    /// <summary>Inside a silo the ticket is handed over as the grain holds it (its types are deeply
    /// immutable); a client, out of the silo, reads its own copy each time.</summary>
    [Fact]
    public async Task GetAsync_FromInsideTheSilo_HandsTheTicketOverWithoutACopy()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        var local = Cluster.GrainsOn(0).GetGrain<Interfaces.ITicketGrain>("T1");

        Assert.Same(await local.GetAsync(), await local.GetAsync());
        Assert.NotSame(await Cluster.Ticket("T1").GetAsync(), await Cluster.Ticket("T1").GetAsync());
    }

    [Fact]
    public async Task GetEventsAsync_AfterCommands_ReplayReproducesState()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        await SendAsync(new AcknowledgeTicket("hello") { Actor = TestTickets.Agent });
        await SendAsync(new AssignTicket(Department.CustomerService, "agent-7") { Actor = TestTickets.Agent });

        var events = await Cluster.Ticket("T1").GetEventsAsync();

        // Records holding immutable arrays compare those by reference: compare the stored form.
        Assert.Equal(Json(await Cluster.Ticket("T1").GetAsync()), Json(TicketState.Replay(events)));
    }

    [Fact]
    public async Task ExecuteAsync_SameKeySameCommand_FirstAnswerAndNothingChanged()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        var acknowledge = new AcknowledgeTicket("On it.") { Actor = Agent };
        var key = new CommandKey("agent:agent-1\nk-1", RequestFingerprint.Of("acknowledge", acknowledge));
        var first = await SendAsync(acknowledge, key);
        await SendAsync(new AssignTicket(Department.CustomerService, "agent-2") { Actor = Agent });
        var eventsBefore = (await Cluster.Ticket("T1").GetEventsAsync()).Count;

        var retry = await Cluster.Ticket("T1").ExecuteAsync(acknowledge, first.Ticket!.Version - 1, key);

        Assert.Equal(TicketOutcome.KeyedReplay.Replayed, retry.Replay);
        Assert.True(retry.IsAccepted);
        Assert.Equal(first.Ticket!.Version, retry.Ticket!.Version);
        Assert.Equal(first.Ticket.Status, retry.Ticket.Status);
        Assert.Null(retry.Ticket.AssigneeId);
        Assert.Equal(eventsBefore, (await Cluster.Ticket("T1").GetEventsAsync()).Count);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyOtherCommand_KeyReusedAndNothingChanged()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        var acknowledge = new AcknowledgeTicket("On it.") { Actor = Agent };
        await SendAsync(acknowledge, new CommandKey("k", RequestFingerprint.Of("acknowledge", acknowledge)));
        var before = await Cluster.Ticket("T1").GetAsync();

        var assign = new AssignTicket(Department.Finance, "agent-2") { Actor = Agent };
        var reused = await SendAsync(assign, new CommandKey("k", RequestFingerprint.Of("assign", assign)));

        Assert.Equal(TicketOutcome.KeyedReplay.KeyReused, reused.Replay);
        Assert.False(reused.IsAccepted);
        Assert.Equal(before!.Version, (await Cluster.Ticket("T1").GetAsync())!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_ManyKeyedCommands_OldestKeyForgottenNewestKept()
    {
        await OrleansTicketClockTests.OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        await SendAsync(new AcknowledgeTicket("On it.") { Actor = Agent });
        for (var i = 0; i <= CommandKeyRecord.MaxPerTicket; i++)
        {
            var assign = Assign($"agent-{i}");
            await SendAsync(assign, new CommandKey($"k-{i}", RequestFingerprint.Of("assign", assign)));
        }

        var another = Assign("agent-x");
        var oldest = await SendAsync(another, new CommandKey("k-0", RequestFingerprint.Of("assign", another)));
        var newest = await SendAsync(another, new CommandKey($"k-{CommandKeyRecord.MaxPerTicket}", RequestFingerprint.Of("assign", another)));

        Assert.Equal(TicketOutcome.KeyedReplay.None, oldest.Replay);
        Assert.Equal("agent-x", oldest.Ticket!.AssigneeId);
        Assert.Equal(TicketOutcome.KeyedReplay.KeyReused, newest.Replay);
    }

    private static AssignTicket Assign(string agentId) => new(Department.CustomerService, agentId) { Actor = Agent };
}
