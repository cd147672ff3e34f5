using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class ClockTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Acknowledge_BeforeDeadline_FirstResponseClockMet()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);
        driver.Advance(TimeSpan.FromMinutes(30));

        driver.Must(Sample(K.Acknowledge, driver.State));

        var clock = driver.Ticket.Clock(ClockKind.FirstResponse)!;
        Assert.Equal(ClockStatus.Met, clock.Status);
        Assert.Equal(TimeSpan.FromMinutes(30), clock.Elapsed);
        Assert.DoesNotContain(driver.Ticket.PendingTicks, t => t.Clock == ClockKind.FirstResponse);
    }

    [Fact]
    public void Acknowledge_AfterBreach_FirstResponseClockStoppedWithBreachKept()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);
        driver.FireNext(ClockKind.FirstResponse);
        driver.FireNext(ClockKind.FirstResponse);

        driver.Must(Sample(K.Acknowledge, driver.State));

        var clock = driver.Ticket.Clock(ClockKind.FirstResponse)!;
        Assert.Equal(ClockStatus.Stopped, clock.Status);
        Assert.Equal(Start + Hour, clock.BreachedAt);
    }

    [Fact]
    public void Open_PendingTicks_AreTheWarningsAtEightyPercent()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);

        Assert.Equal(
            [
                new PendingTick(ClockKind.FirstResponse, 1, ClockStage.Warning, Start + TimeSpan.FromMinutes(48)),
                new PendingTick(ClockKind.Resolution, 1, ClockStage.Warning, Start + TimeSpan.FromHours(24 * 0.8)),
            ],
            driver.Ticket.PendingTicks.AsEnumerable());
    }

    [Fact]
    public void Ladder_FirstResponse_WarningThenSupervisorThenManager()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);

        var warning = driver.FireNext(ClockKind.FirstResponse);
        Assert.Equal(new ClockStageReached(ClockKind.FirstResponse, 1, ClockStage.Warning), Payload(Assert.Single(warning)));
        Assert.Equal(0, driver.Ticket.EscalationLevel);

        var breach = driver.FireNext(ClockKind.FirstResponse);
        Assert.Equal(Start + Hour, driver.Now);
        Assert.Equal(ClockStatus.Breached, driver.Ticket.Clock(ClockKind.FirstResponse)!.Status);
        var level1 = Assert.IsType<TicketEscalated>(breach[^1]);
        Assert.Equal((1, EscalationReason.DeadlineBreached, ClockKind.FirstResponse), (level1.Level, level1.Reason, level1.Clock));

        driver.FireNext(ClockKind.FirstResponse);
        Assert.Equal(Start + 2 * Hour, driver.Now);
        Assert.Equal(2, driver.Ticket.EscalationLevel);
        Assert.DoesNotContain(driver.Ticket.PendingTicks, t => t.Clock == ClockKind.FirstResponse);
    }

    [Fact]
    public void DeadlineReached_TickDeliveredTwice_SecondHasNoEffect()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);
        var tick = driver.PendingTick(ClockKind.FirstResponse);
        driver.AdvanceTo(tick.DueAt);
        var command = new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = SystemActor };
        driver.Must(command);
        var after = driver.Ticket;

        var again = driver.Must(command);

        Assert.Empty(again);
        Assert.Same(after, driver.Ticket);
    }

    [Fact]
    public void DeadlineReached_StaleGeneration_NoEffect()
    {
        var driver = new TicketDriver().Opened(Severity.Normal);
        var old = driver.PendingTick(ClockKind.FirstResponse);
        driver.Must(Sample(K.ChangeSeverity, driver.State));
        driver.AdvanceTo(old.DueAt);

        Assert.Empty(driver.Must(new DeadlineReached(old.Clock, old.Generation, old.DueAt) { Actor = SystemActor }));
    }

    [Fact]
    public void DeadlineReached_StoppedClock_NoEffect()
    {
        var driver = new TicketDriver().Opened();
        var tick = driver.PendingTick(ClockKind.FirstResponse);
        driver.Must(Sample(K.Acknowledge, driver.State));
        driver.AdvanceTo(tick.DueAt);

        Assert.Empty(driver.Must(new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = SystemActor }));
    }

    [Fact]
    public void DeadlineReached_BeforeDue_NoEffectAndTickStillPending()
    {
        var driver = new TicketDriver().Opened();
        var tick = driver.PendingTick(ClockKind.FirstResponse);

        Assert.Empty(driver.Must(new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = SystemActor }));
        Assert.Equal(tick, driver.PendingTick(ClockKind.FirstResponse));
    }

    [Fact]
    public void DeadlineReached_LateTick_CatchesUpEveryStageDue()
    {
        var driver = new TicketDriver().Opened(Severity.Urgent);
        var tick = driver.PendingTick(ClockKind.FirstResponse);
        driver.AdvanceTo(Start + 3 * Hour);

        var events = driver.Must(new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = SystemActor });

        Assert.Equal(
            [ClockStage.Warning, ClockStage.Deadline, ClockStage.SecondLevel],
            events.OfType<ClockStageReached>().Select(e => e.Stage));
        Assert.Equal(2, driver.Ticket.EscalationLevel);
    }

    [Fact]
    public void RequestInformation_PausesResolutionAndReplyResumesKeepingElapsed()
    {
        var driver = new TicketDriver().InProgress();
        driver.Advance(10 * Hour);
        driver.Must(Sample(K.RequestInformation, driver.State));
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(ClockKind.CustomerReply)!.Status);
        Assert.DoesNotContain(driver.Ticket.PendingTicks, t => t.Clock == ClockKind.Resolution);

        driver.Advance(30 * Hour);
        driver.Must(Sample(K.CustomerReply, driver.State));

        var resolution = driver.Ticket.Clock(ClockKind.Resolution)!;
        Assert.Equal(ClockStatus.Running, resolution.Status);
        Assert.Equal(10 * Hour, resolution.ElapsedAt(driver.Now));
        Assert.Equal(driver.Now + TimeSpan.FromDays(7) - 10 * Hour, resolution.DueAt);
        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.CustomerReply)!.Status);
    }

    [Fact]
    public void CustomerReplyDeadline_LapsesBackToInProgressAndResumesResolution()
    {
        var driver = new TicketDriver().To(S.AwaitingCustomer);
        driver.FireNext(ClockKind.CustomerReply);

        var events = driver.FireNext(ClockKind.CustomerReply);

        Assert.Contains(events, e => e is CustomerReplyLapsed);
        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.CustomerReply)!.Status);
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void ChangeSeverity_ReplansRunningClocksKeepingElapsedUnderNewGeneration()
    {
        var driver = new TicketDriver().Opened(Severity.Normal);
        driver.Advance(TimeSpan.FromMinutes(30));

        var events = driver.Must(new ChangeSeverity(Severity.Urgent, "Burn injury reported.") { Actor = Agent });

        Assert.Equal(2, events.OfType<ClockReplanned>().Count());
        var first = driver.Ticket.Clock(ClockKind.FirstResponse)!;
        Assert.Equal((2, Hour, TimeSpan.FromMinutes(30)), (first.Generation, first.Window, first.ElapsedAt(driver.Now)));
        Assert.Equal(Start + TimeSpan.FromMinutes(48), driver.PendingTick(ClockKind.FirstResponse).DueAt);
        Assert.Equal(2, driver.PendingTick(ClockKind.FirstResponse).Generation);
    }

    [Fact]
    public void ChangeSeverity_ShorterWindowAlreadyPassed_NextStageDueImmediately()
    {
        var driver = new TicketDriver().Opened(Severity.Normal);
        driver.Advance(3 * Hour);

        driver.Must(new ChangeSeverity(Severity.Urgent, "Fire hazard.") { Actor = Agent });

        Assert.True(driver.PendingTick(ClockKind.FirstResponse).DueAt < driver.Now);
        driver.FireNext(ClockKind.FirstResponse);
        Assert.Equal(2, driver.Ticket.EscalationLevel);
    }

    [Fact]
    public void MerchantSilence_RecordsStrikeAndSendsToArbitration()
    {
        var driver = new TicketDriver().To(S.AwaitingMerchant);
        driver.FireNext(ClockKind.MerchantResponse);

        var events = driver.FireNext(ClockKind.MerchantResponse);

        Assert.Equal(driver.Ticket.Clock(ClockKind.MerchantResponse)!.StartedAt + TimeSpan.FromHours(48), driver.Now);
        Assert.Equal(new MerchantStrikeRecorded("shop-9", ClockKind.MerchantResponse), Payload(events.OfType<MerchantStrikeRecorded>().Single()));
        Assert.Equal(InvestigationKind.PlatformIntervention, events.OfType<InvestigationStarted>().Single().Investigation);
        Assert.Equal(S.UnderInvestigation, driver.Ticket.Status);
        Assert.Equal(1, driver.Ticket.MerchantStrikes);
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.MerchantResponse)!.Status);
        Assert.NotNull(driver.Ticket.Clock(ClockKind.MerchantResponse)!.BreachedAt);
    }

    [Fact]
    public void ConfirmationDeadline_PlanLapsesAndResolutionResumes()
    {
        var driver = new TicketDriver().To(S.AwaitingConfirmation);
        Assert.Equal(ClockStatus.Paused, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
        driver.FireNext(ClockKind.CustomerConfirmation);

        driver.FireNext(ClockKind.CustomerConfirmation);

        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Null(driver.Ticket.Plan);
        Assert.Equal(ClockStatus.Running, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
    }

    [Fact]
    public void ReturnShipmentDeadline_TicketClosesAndAllClocksStop()
    {
        var driver = new TicketDriver().To(S.AwaitingReturn);
        Assert.Equal(TimeSpan.FromDays(7), driver.Ticket.Clock(ClockKind.ReturnShipment)!.Window);
        driver.FireNext(ClockKind.ReturnShipment);

        driver.FireNext(ClockKind.ReturnShipment);

        Assert.Equal((S.Closed, ClosureReason.ReturnWindowLapsed), (driver.Ticket.Status, driver.Ticket.ClosureReason));
        Assert.Empty(driver.Ticket.PendingTicks);
        Assert.DoesNotContain(driver.Ticket.Clocks.Values, c => c.IsOpen);
    }

    [Fact]
    public void WarehouseDeadline_ReturnDeemedPassedAndSupervisorInvolved()
    {
        var driver = new TicketDriver().To(S.ReturnReceived);
        driver.FireNext(ClockKind.WarehouseInspection);

        var events = driver.FireNext(ClockKind.WarehouseInspection);

        Assert.True(events.OfType<WarehouseInspected>().Single().Deemed);
        Assert.Equal(S.Executing, driver.Ticket.Status);
        Assert.True(driver.Ticket.Execution.ReturnPassed);
        Assert.Equal(1, driver.Ticket.EscalationLevel);
    }

    [Fact]
    public void SurveyDeadline_SurveyClosesAndTicketStaysResolved()
    {
        var driver = new TicketDriver().To(S.Resolved);

        var events = driver.FireNext(ClockKind.Survey);

        Assert.Contains(events, e => e is SurveyClosed);
        Assert.Equal(S.Resolved, driver.Ticket.Status);
        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Satisfaction, driver.State)));
    }

    [Fact]
    public void AutoCloseDeadline_TicketClosesAfterSevenDays()
    {
        var driver = new TicketDriver().To(S.Resolved);
        var resolvedAt = driver.Ticket.ResolvedAt!.Value;
        driver.FireNext(ClockKind.Survey);

        driver.FireNext(ClockKind.AutoClose);

        Assert.Equal(resolvedAt + TimeSpan.FromDays(7), driver.Now);
        Assert.Equal((S.Closed, ClosureReason.AutoClosed), (driver.Ticket.Status, driver.Ticket.ClosureReason));
        Assert.Empty(driver.Ticket.PendingTicks);
    }

    [Fact]
    public void Reopen_RestartsResolutionAndEscalates()
    {
        var driver = new TicketDriver().To(S.Resolved);
        var before = driver.Ticket.Clock(ClockKind.Resolution)!.Generation;

        var events = driver.Must(Sample(K.Reopen, driver.State));

        var resolution = driver.Ticket.Clock(ClockKind.Resolution)!;
        Assert.Equal((ClockStatus.Running, before + 1, TimeSpan.Zero), (resolution.Status, resolution.Generation, resolution.Elapsed));
        Assert.Equal(EscalationReason.Reopened, events.OfType<TicketEscalated>().Single().Reason);
        Assert.Equal(1, driver.Ticket.EscalationLevel);
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.AutoClose)!.Status);
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.Survey)!.Status);
    }

    [Fact]
    public void Resolve_MeetsResolutionAndStartsSurveyAndAutoClose()
    {
        var driver = new TicketDriver().To(S.Resolved);

        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.Resolution)!.Status);
        Assert.Equal(
            [(ClockKind.Survey, driver.Now + TimeSpan.FromHours(24)), (ClockKind.AutoClose, driver.Now + TimeSpan.FromDays(7))],
            driver.Ticket.PendingTicks.Select(t => (t.Clock, t.DueAt)));
    }

    [Fact]
    public void Withdraw_StopsEveryClock()
    {
        var driver = new TicketDriver().To(S.AwaitingCustomer);

        driver.Must(Sample(K.Withdraw, driver.State));

        Assert.Equal(ClosureReason.Withdrawn, driver.Ticket.ClosureReason);
        Assert.All(driver.Ticket.Clocks.Values, c => Assert.False(c.IsOpen));
    }

    [Fact]
    public void PendingTick_ClockResumedBetweenMilliseconds_DueOnWholeMillisecondAndStillMatches()
    {
        var driver = new TicketDriver().InProgress();
        driver.Must(Sample(K.RequestInformation, driver.State));
        driver.Advance(TimeSpan.FromTicks(1234));
        driver.Must(Sample(K.CustomerReply, driver.State));

        var clock = driver.Ticket.Clock(ClockKind.Resolution)!;
        var exact = clock.RunningSince!.Value + (clock.Window * 0.8 - clock.Elapsed);
        var tick = driver.PendingTick(ClockKind.Resolution);
        Assert.NotEqual(0, exact.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(0, tick.DueAt.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.InRange(tick.DueAt - exact, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

        Assert.NotEmpty(driver.FireNext(ClockKind.Resolution));
    }

    [Fact]
    public void NextTick_PausedClock_HasNone()
    {
        var clock = new SlaClock(ClockKind.Resolution, 1, ClockStatus.Paused, Hour, EscalationThresholds.Default,
            TimeSpan.FromMinutes(5), null, 0, Start, null, null);

        Assert.Null(clock.NextTick());
    }

    private static TicketEvent Payload(TicketEvent e) => e with { TicketId = "", Sequence = 0, At = default, Actor = default };
}
