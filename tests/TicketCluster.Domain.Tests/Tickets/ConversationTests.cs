using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Replies and internal notes during the ticket; the callback a dissatisfied survey answer opens.</summary>
public sealed class ConversationTests
{
    [Theory]
    [InlineData(S.Open)]
    [InlineData(S.InProgress)]
    [InlineData(S.AwaitingCustomer)]
    [InlineData(S.Executing)]
    public void Reply_Public_RecordsReplySentAndKeepsStatus(S status)
    {
        var driver = new TicketDriver().To(status);

        var events = driver.Must(new ReplyToCustomer(ReplyVisibility.Public, "The courier comes tomorrow.") { Actor = Agent });

        Assert.Equal("The courier comes tomorrow.", Assert.IsType<ReplySent>(Assert.Single(events)).Message);
        Assert.Equal(status, driver.Ticket.Status);
    }

    [Fact]
    public void Reply_Internal_RecordsInternalNote()
    {
        var driver = new TicketDriver().To(S.InProgress);

        var events = driver.Must(new ReplyToCustomer(ReplyVisibility.Internal, "Merchant is slow; chase on Monday.") { Actor = Agent });

        Assert.Equal("Merchant is slow; chase on Monday.", Assert.IsType<InternalNoteAdded>(Assert.Single(events)).Note);
    }

    [Fact]
    public void Reply_Resolved_CommandNotAllowed()
    {
        var driver = new TicketDriver().Resolved();

        Assert.IsType<CommandNotAllowed>(driver.MustFail(Sample(TicketCommandKind.Reply, driver.State)));
    }

    [Fact]
    public void Reply_ByCustomer_ActorNotPermitted()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(new ReplyToCustomer(ReplyVisibility.Public, "Hi") { Actor = Customer }));
    }

    [Fact]
    public void Reply_BlankMessage_ValidationFailed()
    {
        var driver = new TicketDriver().To(S.InProgress);

        Assert.Equal("message", Assert.IsType<ValidationFailed>(driver.MustFail(new ReplyToCustomer(ReplyVisibility.Public, " ") { Actor = Agent })).Field);
    }

    [Fact]
    public void Reply_CountsAsNoteForTheCaps()
    {
        var driver = new TicketDriver().To(S.InProgress);
        var before = driver.Ticket.Content.Notes;

        driver.Must(new ReplyToCustomer(ReplyVisibility.Internal, "Note.") { Actor = Agent });

        Assert.Equal(before + 1, driver.Ticket.Content.Notes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Satisfaction_Dissatisfied_OpensCallbackWithItsClock(int score)
    {
        var driver = new TicketDriver().Resolved();

        var events = driver.Must(new RecordSatisfaction(score, "Slow.") { Actor = Customer });

        Assert.Contains(events, e => e is CallbackRequested r && r.Score == score);
        Assert.True(driver.Ticket.Callback!.IsOpen);
        var clock = driver.Ticket.Clock(ClockKind.Callback)!;
        Assert.Equal(ClockStatus.Running, clock.Status);
        Assert.Equal(TimeSpan.FromHours(24), clock.Window);
    }

    [Fact]
    public void Satisfaction_Three_NoCallback()
    {
        var driver = new TicketDriver().Resolved();

        driver.Must(new RecordSatisfaction(3, null) { Actor = Customer });

        Assert.Null(driver.Ticket.Callback);
        Assert.Null(driver.Ticket.Clock(ClockKind.Callback));
    }

    [Fact]
    public void Callback_ConfiguredWindow_Used()
    {
        var driver = new TicketDriver(TicketPolicy.Default with { Sla = SlaPolicy.Default with { Callback = TimeSpan.FromHours(4) } }).Resolved();

        driver.Must(new RecordSatisfaction(1, null) { Actor = Customer });

        Assert.Equal(TimeSpan.FromHours(4), driver.Ticket.Clock(ClockKind.Callback)!.Window);
    }

    [Fact]
    public void CallbackDone_InTime_MeetsClockAndRecordsOutcome()
    {
        var driver = new TicketDriver().Resolved();
        driver.Must(new RecordSatisfaction(1, null) { Actor = Customer });
        driver.Advance(TimeSpan.FromHours(3));

        driver.Must(new RecordCallbackDone(CallbackOutcome.StillDissatisfied, "Wants a bigger refund.") { Actor = Agent });

        Assert.Equal(ClockStatus.Met, driver.Ticket.Clock(ClockKind.Callback)!.Status);
        var task = driver.Ticket.Callback!;
        Assert.False(task.IsOpen);
        Assert.Equal(CallbackOutcome.StillDissatisfied, task.Outcome);
        Assert.Equal(driver.Now, task.DoneAt);
    }

    [Fact]
    public void CallbackDone_NoCallbackOwed_RuleViolated()
    {
        var driver = new TicketDriver().Resolved();

        Assert.Equal("no-callback", Assert.IsType<RuleViolated>(driver.MustFail(Sample(TicketCommandKind.CallbackDone, driver.State))).Rule);
    }

    [Fact]
    public void CallbackDone_Twice_RuleViolated()
    {
        var driver = new TicketDriver().Resolved();
        driver.Must(new RecordSatisfaction(2, null) { Actor = Customer });
        driver.Must(Sample(TicketCommandKind.CallbackDone, driver.State));

        Assert.IsType<RuleViolated>(driver.MustFail(Sample(TicketCommandKind.CallbackDone, driver.State)));
    }

    [Fact]
    public void CallbackClock_Ladder_WarnsThenEscalatesToSupervisorThenManager()
    {
        var driver = new TicketDriver().Resolved();
        driver.Must(new RecordSatisfaction(1, null) { Actor = Customer });

        Assert.Contains(driver.FireNext(ClockKind.Callback), e => e is ClockStageReached { Stage: ClockStage.Warning });
        var deadline = driver.FireNext(ClockKind.Callback);
        Assert.Contains(deadline, e => e is TicketEscalated { Level: 1, Clock: ClockKind.Callback });
        Assert.Equal(ClockStatus.Breached, driver.Ticket.Clock(ClockKind.Callback)!.Status);
        Assert.Contains(driver.FireNext(ClockKind.Callback), e => e is TicketEscalated { Level: 2, Clock: ClockKind.Callback });

        driver.Must(Sample(TicketCommandKind.CallbackDone, driver.State));
        Assert.Equal(ClockStatus.Stopped, driver.Ticket.Clock(ClockKind.Callback)!.Status);
    }

    [Fact]
    public void CallbackDone_AfterAutomaticClose_StillRecorded()
    {
        var driver = new TicketDriver().Resolved();
        driver.Must(new RecordSatisfaction(1, null) { Actor = Customer });
        driver.Must(new CloseTicket(null) { Actor = Agent });

        driver.Must(Sample(TicketCommandKind.CallbackDone, driver.State));

        Assert.Equal(CallbackOutcome.Settled, driver.Ticket.Callback!.Outcome);
    }

    [Fact]
    public void ConversationEvents_JsonAndReplay_RoundTrip()
    {
        var driver = new TicketDriver().To(S.InProgress);
        driver.Must(new ReplyToCustomer(ReplyVisibility.Public, "Hello") { Actor = Agent });
        driver.Must(new ReplyToCustomer(ReplyVisibility.Internal, "Internal") { Actor = Agent });
        var resolved = new TicketDriver().Resolved();
        resolved.Must(new RecordSatisfaction(1, null) { Actor = Customer });
        resolved.Must(Sample(TicketCommandKind.CallbackDone, resolved.State));

        foreach (var d in new[] { driver, resolved })
        {
            var json = JsonSerializer.Serialize(d.History.ToList(), JsonSerializerOptions.Web);
            var events = JsonSerializer.Deserialize<List<TicketEvent>>(json, JsonSerializerOptions.Web)!;
            Assert.Equal(JsonSerializer.Serialize(d.Ticket), JsonSerializer.Serialize(TicketState.Replay(events)));
            var state = JsonSerializer.Deserialize<TicketState>(JsonSerializer.Serialize(d.Ticket, JsonSerializerOptions.Web), JsonSerializerOptions.Web);
            Assert.Equal(d.Ticket.Callback, state!.Callback);
        }

        Assert.Contains("\"type\":\"reply\"", JsonSerializer.Serialize<TicketCommand>(Sample(TicketCommandKind.Reply, null), JsonSerializerOptions.Web), StringComparison.Ordinal);
    }
}
