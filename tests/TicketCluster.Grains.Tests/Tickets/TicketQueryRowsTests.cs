using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Tickets;

public sealed class TicketQueryRowsTests
{
    private static ClockStageReached Reached(ClockKind clock, ClockStage stage, int generation = 1) => new(clock, generation, stage);

    [Fact]
    public void ClockOutcomes_MetBreachedAndStillRunning_EachKindInOneListAtMost()
    {
        TicketEvent[] events =
        [
            Reached(ClockKind.FirstResponse, ClockStage.Warning),
            new ClockMet(ClockKind.FirstResponse, 1),
            Reached(ClockKind.MerchantResponse, ClockStage.Warning),
            Reached(ClockKind.MerchantResponse, ClockStage.Deadline),
            new ClockStopped(ClockKind.MerchantResponse, 1),
            Reached(ClockKind.Resolution, ClockStage.Warning),
        ];

        var (met, breached) = TicketQueryRows.ClockOutcomes(events);

        Assert.Equal([ClockKind.FirstResponse], met);
        Assert.Equal([ClockKind.MerchantResponse], breached);
    }

    [Fact]
    public void ClockOutcomes_BreachedThenMetInALaterGeneration_Breached()
    {
        TicketEvent[] events =
        [
            Reached(ClockKind.Resolution, ClockStage.Deadline, 1),
            new ClockStopped(ClockKind.Resolution, 1),
            new ClockStarted(ClockKind.Resolution, 2, TimeSpan.FromDays(1), EscalationThresholds.Default),
            new ClockMet(ClockKind.Resolution, 2),
        ];

        var (met, breached) = TicketQueryRows.ClockOutcomes(events);

        Assert.Empty(met);
        Assert.Equal([ClockKind.Resolution], breached);
    }

    [Fact]
    public void ClockOutcomes_WaitingPeriodsReachingTheirDeadline_NotServiceLevel()
    {
        TicketEvent[] events =
        [
            Reached(ClockKind.Survey, ClockStage.Deadline),
            Reached(ClockKind.AutoClose, ClockStage.Deadline),
            new ClockMet(ClockKind.Survey, 1),
        ];

        var (met, breached) = TicketQueryRows.ClockOutcomes(events);

        Assert.Empty(met);
        Assert.Empty(breached);
    }

    [Fact]
    public void ClockOutcomes_SeveralKinds_InClockKindOrder()
    {
        TicketEvent[] events =
        [
            new ClockMet(ClockKind.CustomerConfirmation, 1),
            new ClockMet(ClockKind.Resolution, 1),
            new ClockMet(ClockKind.FirstResponse, 1),
        ];

        var (met, _) = TicketQueryRows.ClockOutcomes(events);

        Assert.Equal([ClockKind.FirstResponse, ClockKind.Resolution, ClockKind.CustomerConfirmation], met);
    }
}
