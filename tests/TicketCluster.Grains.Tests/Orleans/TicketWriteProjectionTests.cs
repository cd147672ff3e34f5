using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Orleans;

public sealed class TicketWriteProjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 8, 0, 0, TimeSpan.Zero);

    private static TicketGrainState Opened(out TicketTurnResult turn)
    {
        var keys = new IntakeKeys("customer:C1", "key-1", "fp-1");
        var open = TestTickets.OpenCommand("T1", Severity.Urgent);
        turn = TicketTurn.Decide(new TicketGrainState(), open, new TicketTurnInput(Now, TicketPolicy.Default)
        {
            Keys = TicketKeys.Of(open.Channel, open.ExternalId, keys),
            Intake = keys,
        });
        return TicketDeliveries.Owe(turn, rowVersion: 1, TicketSubscriptions.None, opens: true);
    }

    [Fact]
    public void Project_NewTicket_RowKeysEarliestTickAndOldestOwedEvent()
    {
        var state = Opened(out var turn);

        var extras = TicketWriteProjection.Project(state, expectedRowVersion: 0)!;

        Assert.Equal("T1", extras.QueryRow.TicketId);
        Assert.Equal(Now, extras.QueryRow.UpdatedAt);
        Assert.Equal(
            [new IdempotencyRecord("channel:app:customer:C1", "msg-T1"), new IdempotencyRecord("intake:customer:C1", "key-1")],
            extras.KeysToRecord);
        Assert.Equal(Now + TimeSpan.FromMinutes(48), extras.QueryRow.NextTickAt);
        Assert.Equal(turn.State.Ticket!.PendingTicks.Min(t => t.DueAt), extras.QueryRow.NextTickAt);
        Assert.Equal(Now, extras.QueryRow.EventsPendingSince);
    }

    [Fact]
    public void Project_KeysRecordedByAnEarlierWrite_NotRecordedAgain()
    {
        var state = Opened(out _);

        Assert.Empty(TicketWriteProjection.Project(state, expectedRowVersion: 1)!.KeysToRecord);
    }

    [Fact]
    public void Project_EverythingAcknowledged_NothingPending()
    {
        var state = Opened(out _);
        state = TicketDeliveries.CustomerAcknowledged(state, long.MaxValue);
        state = TicketDeliveries.MerchantAcknowledged(state, long.MaxValue);

        Assert.Null(TicketWriteProjection.Project(state, expectedRowVersion: 1)!.QueryRow.EventsPendingSince);
    }

    [Fact]
    public void Project_NoTicket_Null() =>
        Assert.Null(TicketWriteProjection.Project(new TicketGrainState(), 0));

    [Fact]
    public void Owe_SameKeyAgain_KeepsTheFirstVersion()
    {
        var state = Opened(out var turn);

        var again = TicketDeliveries.Owe(turn with { State = state }, rowVersion: 5, TicketSubscriptions.None, opens: false);

        Assert.All(again.IntakeKeys, k => Assert.Equal(1, k.RecordedAtVersion));
        Assert.Equal(ClockKind.FirstResponse, turn.State.Ticket!.PendingTicks.MinBy(t => t.DueAt).Clock);
    }
}
