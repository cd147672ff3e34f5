using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>The ways to finish a ticket besides a confirmed plan: answered on the spot, declined, closed as a
/// duplicate or as spam (docs/domain.md, Ways to finish a ticket).</summary>
public sealed class OutcomeTests
{
    private static readonly S[] BeforeConfirmedPlan =
        [S.Open, S.Acknowledged, S.InProgress, S.AwaitingCustomer, S.AwaitingMerchant, S.UnderInvestigation, S.PendingApproval, S.AwaitingConfirmation];

    private static AnswerOnTheSpot Answer(Actor? actor = null) => new("Hold the button for five seconds.") { Actor = actor ?? Agent };

    public static TheoryData<K> DismissalKinds() => [K.Decline, K.CloseAsDuplicate, K.CloseAsSpam];

    [Fact]
    public void AllowedIn_AnswerOnTheSpot_OnlyBeforeInvestigation()
    {
        var statuses = Enum.GetValues<S>().Where(s => TransitionTable.Allows(s, K.AnswerOnTheSpot));

        Assert.Equal([S.Open, S.Acknowledged, S.InProgress], statuses);
    }

    [Theory]
    [MemberData(nameof(DismissalKinds))]
    public void AllowedIn_Dismissal_OnlyBeforeAPlanIsConfirmed(K kind)
    {
        var statuses = Enum.GetValues<S>().Where(s => TransitionTable.Allows(s, kind));

        Assert.Equal(BeforeConfirmedPlan, statuses);
    }

    [Theory]
    [InlineData(K.AnswerOnTheSpot)]
    [InlineData(K.Decline)]
    [InlineData(K.CloseAsDuplicate)]
    [InlineData(K.CloseAsSpam)]
    public void RolePermissions_OutcomeCommands_StaffOnly(K kind)
    {
        Assert.Equal([ActorRole.Agent, ActorRole.Supervisor, ActorRole.Manager], RolePermissions.AllowedFor(kind).AsEnumerable());
        foreach (var actor in new[] { Customer, Merchant, SystemActor })
        {
            var driver = new TicketDriver().To(S.InProgress);
            var command = Sample(kind, driver.State) with { Actor = actor };

            var rejection = Assert.IsType<ActorNotPermitted>(driver.MustFail(command));

            Assert.Equal(kind, rejection.Command);
        }
    }

    [Fact]
    public void AnswerOnTheSpot_Open_MeetsFirstResponseAndResolutionAndStartsSurvey()
    {
        var driver = new TicketDriver().To(S.Open);
        driver.Advance(TimeSpan.FromMinutes(10));

        var events = driver.Must(Answer());

        var ticket = driver.Ticket;
        var resolved = Assert.IsType<TicketResolved>(events[0]);
        Assert.True(resolved.OnTheSpot);
        Assert.Equal("Hold the button for five seconds.", resolved.Result);
        Assert.Equal(Agent, resolved.Actor);
        Assert.Contains(events, e => e is ClockMet { Clock: ClockKind.FirstResponse });
        Assert.Contains(events, e => e is ClockMet { Clock: ClockKind.Resolution });
        Assert.Equal(S.Resolved, ticket.Status);
        Assert.Equal(driver.Now, ticket.AcknowledgedAt);
        Assert.Equal(driver.Now, ticket.ResolvedAt);
        Assert.Equal(ClockStatus.Running, ticket.Clock(ClockKind.Survey)!.Status);
        Assert.Equal(ClockStatus.Running, ticket.Clock(ClockKind.AutoClose)!.Status);
        Assert.Null(ticket.Plan);
        Assert.Equal(FinalOutcome.AnsweredOnTheSpot, ticket.Outcome);
    }

    [Fact]
    public void AnswerOnTheSpot_InProgress_FirstResponseAlreadyMetResolutionMet()
    {
        var driver = new TicketDriver().To(S.InProgress);
        var acknowledgedAt = driver.Ticket.AcknowledgedAt;

        var events = driver.Must(Answer(Supervisor));

        Assert.DoesNotContain(events, e => e is ClockMet { Clock: ClockKind.FirstResponse } or ClockStopped { Clock: ClockKind.FirstResponse });
        Assert.Contains(events, e => e is ClockMet { Clock: ClockKind.Resolution });
        Assert.Equal(acknowledgedAt, driver.Ticket.AcknowledgedAt);
        Assert.Equal(FinalOutcome.AnsweredOnTheSpot, driver.Ticket.Outcome);
    }

    [Fact]
    public void AnswerOnTheSpot_AfterResolutionDeadline_ResolutionStoppedNotMet()
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.FireNext(ClockKind.Resolution);
        driver.FireNext(ClockKind.Resolution);

        var events = driver.Must(Answer());

        Assert.Contains(events, e => e is ClockStopped { Clock: ClockKind.Resolution });
        Assert.NotNull(driver.Ticket.Clock(ClockKind.Resolution)!.BreachedAt);
    }

    [Fact]
    public void AnswerOnTheSpot_BlankAnswer_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.Acknowledged);

        var rejection = Assert.IsType<ValidationFailed>(driver.MustFail(new AnswerOnTheSpot(" ") { Actor = Agent }));

        Assert.Equal("answer", rejection.Field);
    }

    [Fact]
    public void AnswerOnTheSpot_ThenResolvedPath_SurveyReopenAndAutoClose()
    {
        var driver = new TicketDriver().To(S.Acknowledged);
        driver.Must(Answer());
        driver.Must(new RecordSatisfaction(5, "Quick answer.") { Actor = Customer });

        driver.FireNext(ClockKind.AutoClose);

        Assert.Equal(S.Closed, driver.Ticket.Status);
        Assert.Equal(ClosureReason.AutoClosed, driver.Ticket.ClosureReason);
        Assert.Equal(FinalOutcome.AnsweredOnTheSpot, driver.Ticket.Outcome);
    }

    [Fact]
    public void AnswerOnTheSpot_Reopened_NoOutcomeUntilResolvedAgain()
    {
        var driver = new TicketDriver().To(S.Acknowledged);
        driver.Must(Answer());

        driver.Must(new ReopenTicket("The reset did not help.") { Actor = Customer });

        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.False(driver.Ticket.AnsweredOnTheSpot);
        Assert.Null(driver.Ticket.Outcome);
    }

    [Theory]
    [InlineData(DeclineReason.CustomerResponsible, FinalOutcome.DeclinedCustomerResponsible)]
    [InlineData(DeclineReason.OutsidePolicy, FinalOutcome.DeclinedOutsidePolicy)]
    [InlineData(DeclineReason.Fraud, FinalOutcome.DeclinedFraud)]
    public void Decline_EachReason_ClosedWithReasonNoteAndDecider(DeclineReason reason, FinalOutcome outcome)
    {
        var driver = new TicketDriver().To(S.AwaitingMerchant);

        var events = driver.Must(new DeclineTicket(reason, "The seal was cut open.") { Actor = Supervisor });

        var closed = Assert.IsType<TicketClosed>(events[0]);
        Assert.Equal(ClosureReason.Declined, closed.Reason);
        Assert.Equal(reason, closed.Declined);
        Assert.Equal("The seal was cut open.", closed.Note);
        Assert.Equal(Supervisor, closed.Actor);
        Assert.Equal(S.Closed, driver.Ticket.Status);
        Assert.Equal(reason, driver.Ticket.DeclineReason);
        Assert.Equal(outcome, driver.Ticket.Outcome);
    }

    [Fact]
    public void Decline_BlankNoteOrUnknownReason_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.Equal("note", Assert.IsType<ValidationFailed>(driver.MustFail(new DeclineTicket(DeclineReason.Fraud, "") { Actor = Agent })).Field);
        Assert.Equal("reason", Assert.IsType<ValidationFailed>(driver.MustFail(new DeclineTicket((DeclineReason)42, "x") { Actor = Agent })).Field);
    }

    [Fact]
    public void CloseAsDuplicate_OtherTicket_RecordedAndClosed()
    {
        var driver = new TicketDriver().To(S.Open);

        var events = driver.Must(new CloseAsDuplicate("T-20261110-0007", null) { Actor = Agent, Original = new TicketReference("T-20261110-0007", null, null) });

        var closed = Assert.IsType<TicketClosed>(events[0]);
        Assert.Equal(ClosureReason.Duplicate, closed.Reason);
        Assert.Equal("T-20261110-0007", closed.DuplicateOf);
        Assert.Equal("T-20261110-0007", driver.Ticket.DuplicateOf);
        Assert.Equal(FinalOutcome.Duplicate, driver.Ticket.Outcome);
    }

    [Fact]
    public void CloseAsDuplicate_OwnIdOrBlank_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.Open);

        var own = Assert.IsType<ValidationFailed>(driver.MustFail(new CloseAsDuplicate(TicketId, null) { Actor = Agent }));
        var blank = Assert.IsType<ValidationFailed>(driver.MustFail(new CloseAsDuplicate(" ", null) { Actor = Agent }));

        Assert.Equal("duplicateOf", own.Field);
        Assert.Equal("duplicateOf", blank.Field);
    }

    [Fact]
    public void CloseAsDuplicate_OriginalNotFoundOrAnotherId_RuleViolatedUnknownTicket()
    {
        var driver = new TicketDriver().To(S.Open);

        var missing = Assert.IsType<RuleViolated>(driver.MustFail(new CloseAsDuplicate("T-404", null) { Actor = Agent }));
        var mismatch = Assert.IsType<RuleViolated>(driver.MustFail(
            new CloseAsDuplicate("T-404", null) { Actor = Agent, Original = new TicketReference("T-500", null, null) }));

        Assert.Equal(("duplicateOf", "unknown-ticket"), (missing.Field, missing.Rule));
        Assert.Equal("unknown-ticket", mismatch.Rule);
        Assert.Equal(TicketStatus.Open, driver.Ticket.Status);
    }

    [Fact]
    public void CloseAsDuplicate_OriginalIsItselfADuplicate_RuleViolatedNamingItsOriginal()
    {
        var driver = new TicketDriver().To(S.Open);

        var chained = Assert.IsType<RuleViolated>(driver.MustFail(
            new CloseAsDuplicate("T-2", null) { Actor = Agent, Original = new TicketReference("T-2", FinalOutcome.Duplicate, "T-1") }));

        Assert.Equal("duplicate-of-duplicate", chained.Rule);
        Assert.Contains("T-1", chained.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseAsDuplicate_OriginalDeclined_Accepted()
    {
        var driver = new TicketDriver().To(S.Open);

        driver.Must(new CloseAsDuplicate("T-2", null) { Actor = Agent, Original = new TicketReference("T-2", FinalOutcome.DeclinedFraud, null) });

        Assert.Equal(FinalOutcome.Duplicate, driver.Ticket.Outcome);
    }

    [Fact]
    public void CloseAsSpam_WithNote_ClosedAsSpamBlankNoteRefused()
    {
        var driver = new TicketDriver().To(S.Open);

        var blank = Assert.IsType<ValidationFailed>(driver.MustFail(new CloseAsSpam(" ") { Actor = Manager }));
        var closed = Assert.IsType<TicketClosed>(driver.Must(new CloseAsSpam("Advertising for a loan.") { Actor = Manager })[0]);

        Assert.Equal("note", blank.Field);
        Assert.Equal(ClosureReason.Spam, closed.Reason);
        Assert.Equal("Advertising for a loan.", closed.Note);
        Assert.Equal(Manager, closed.Actor);
        Assert.Equal(FinalOutcome.Spam, driver.Ticket.Outcome);
    }

    [Theory]
    [MemberData(nameof(DismissalKinds))]
    public void Dismissal_RunningAndBreachedClocks_AllStoppedNoneMetNoPendingTick(K kind)
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.FireNext(ClockKind.Resolution);
        driver.FireNext(ClockKind.Resolution);
        driver.Must(Sample(K.RequestInformation, driver.State));
        var open = driver.Ticket.Clocks.Values.Where(c => c.IsOpen).Select(c => c.Kind).ToList();

        var events = driver.Must(Sample(kind, driver.State));

        Assert.Contains(ClockKind.Resolution, open);
        Assert.Contains(ClockKind.CustomerReply, open);
        Assert.Equal(open.Order(), events.OfType<ClockStopped>().Select(e => e.Clock).Order());
        Assert.DoesNotContain(events, e => e is ClockMet or ClockStageReached);
        Assert.All(driver.Ticket.Clocks.Values, c => Assert.False(c.IsOpen));
        Assert.Empty(driver.Ticket.PendingTicks);
    }

    [Theory]
    [MemberData(nameof(DismissalKinds))]
    public void Dismissal_ThenReopen_RefusedAsNeverResolved(K kind)
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.Must(Sample(kind, driver.State));

        var rejection = Assert.IsType<ValidationFailed>(driver.MustFail(new ReopenTicket("Please look again.") { Actor = Customer }));

        Assert.Equal("ticket", rejection.Field);
    }

    [Theory]
    [InlineData(S.Executing)]
    [InlineData(S.AwaitingReturn)]
    [InlineData(S.Resolved)]
    public void Decline_AfterPlanConfirmed_NotAllowed(S status)
    {
        var driver = new TicketDriver().To(status);

        Assert.IsType<CommandNotAllowed>(driver.MustFail(Sample(K.Decline, driver.State)));
    }

    [Fact]
    public void Outcome_ResolvedWithPlanThenClosed_Resolved()
    {
        var driver = new TicketDriver().To(S.Resolved);
        Assert.Equal(FinalOutcome.Resolved, driver.Ticket.Outcome);

        driver.Must(Sample(K.Close, driver.State));

        Assert.Equal(FinalOutcome.Resolved, driver.Ticket.Outcome);
    }

    [Fact]
    public void Outcome_WithdrawnOrInProgress_WithdrawnOrNone()
    {
        var driver = new TicketDriver().To(S.InProgress);
        Assert.Null(driver.Ticket.Outcome);

        driver.Must(Sample(K.Withdraw, driver.State));

        Assert.Equal(FinalOutcome.Withdrawn, driver.Ticket.Outcome);
    }

    [Fact]
    public void Replay_OutcomeEvents_RebuildsTheSameState()
    {
        var answered = new TicketDriver().To(S.Open);
        answered.Must(Answer());
        var duplicate = new TicketDriver().To(S.InProgress);
        duplicate.Must(new CloseAsDuplicate("T-9", "same") { Actor = Agent, Original = new TicketReference("T-9", FinalOutcome.Resolved, null) });

        Assert.Equal(JsonSerializer.Serialize(answered.Ticket), JsonSerializer.Serialize(TicketState.Replay(answered.History)));
        Assert.Equal(JsonSerializer.Serialize(duplicate.Ticket), JsonSerializer.Serialize(TicketState.Replay(duplicate.History)));
        Assert.Contains("\"DuplicateOf\":\"T-9\"", JsonSerializer.Serialize<TicketEvent>(duplicate.LastEvents[0]), StringComparison.Ordinal);
    }
}
