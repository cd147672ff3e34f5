using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Tickets;

public sealed class TicketCommandKeyTests : IAsyncDisposable
{
    private static readonly Actor Agent = new("agent-1", ActorRole.Agent);
    private readonly GrainHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_SameKeySameCommand_FirstAnswerAndNothingChanged()
    {
        await _h.OpenAsync("T1");
        var acknowledge = new AcknowledgeTicket("On it.") { Actor = Agent };
        var key = new CommandKey("agent:agent-1\nk-1", RequestFingerprint.Of("acknowledge", acknowledge));
        var first = await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(acknowledge, null, key));
        await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(new AssignTicket(Department.CustomerService, "agent-2") { Actor = Agent }));
        var eventsBefore = (await _h.Ticket("T1").InvokeAsync(g => g.GetEventsAsync())).Count;

        var retry = await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(acknowledge, first.Ticket!.Version - 1, key));

        Assert.Equal(TicketOutcome.KeyedReplay.Replayed, retry.Replay);
        Assert.True(retry.IsAccepted);
        Assert.Equal(first.Ticket!.Version, retry.Ticket!.Version);
        Assert.Equal(first.Ticket.Status, retry.Ticket.Status);
        Assert.Null(retry.Ticket.AssigneeId);
        Assert.Equal(eventsBefore, (await _h.Ticket("T1").ReadAsync(g => g.GetEventsAsync())).Count);
    }

    [Fact]
    public async Task ExecuteAsync_SameKeyOtherCommand_KeyReusedAndNothingChanged()
    {
        await _h.OpenAsync("T1");
        var acknowledge = new AcknowledgeTicket("On it.") { Actor = Agent };
        await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(acknowledge, null, new CommandKey("k", RequestFingerprint.Of("acknowledge", acknowledge))));
        var before = await _h.Ticket("T1").InvokeAsync(g => g.GetAsync());

        var assign = new AssignTicket(Department.Finance, "agent-2") { Actor = Agent };
        var reused = await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(assign, null, new CommandKey("k", RequestFingerprint.Of("assign", assign))));

        Assert.Equal(TicketOutcome.KeyedReplay.KeyReused, reused.Replay);
        Assert.False(reused.IsAccepted);
        Assert.Equal(before!.Version, (await _h.Ticket("T1").ReadAsync(g => g.GetAsync()))!.Version);
    }

    [Fact]
    public async Task ExecuteAsync_ManyKeyedCommands_OldestKeyForgottenNewestKept()
    {
        await _h.OpenAsync("T1");
        await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = Agent }));
        for (var i = 0; i <= CommandKeyRecord.MaxPerTicket; i++)
        {
            var assign = Assign($"agent-{i}");
            await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(assign, null, new CommandKey($"k-{i}", RequestFingerprint.Of("assign", assign))));
        }

        var another = Assign("agent-x");
        var oldest = await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(another, null, new CommandKey("k-0", RequestFingerprint.Of("assign", another))));
        var newest = await _h.Ticket("T1").InvokeAsync(g => g.ExecuteAsync(another, null, new CommandKey($"k-{CommandKeyRecord.MaxPerTicket}", RequestFingerprint.Of("assign", another))));

        Assert.Equal(TicketOutcome.KeyedReplay.None, oldest.Replay);
        Assert.Equal("agent-x", oldest.Ticket!.AssigneeId);
        Assert.Equal(TicketOutcome.KeyedReplay.KeyReused, newest.Replay);
    }

    private static AssignTicket Assign(string agentId) => new(Department.CustomerService, agentId) { Actor = Agent };
}
