using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Tickets;

public sealed class TicketGrainClockTests : IAsyncDisposable
{
    private readonly GrainHarness _h = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task<Dictionary<string, DateTimeOffset>> RemindersAsync(string ticketId) =>
        (await _h.Storage.ReadRemindersAsync(GrainTypes.TicketId(ticketId), _ct)).ToDictionary(r => r.Name, r => r.DueAt);

    private async Task<TicketState> TicketAsync(string ticketId) =>
        (await _h.Ticket(ticketId).InvokeAsync(g => g.GetAsync()))!;

    private static string Json(TicketState state) => System.Text.Json.JsonSerializer.Serialize(state);

    [Fact]
    public async Task OpenAsync_NewTicket_OneReminderPerCountingClockAtItsNextTick()
    {
        var ticket = await _h.OpenAsync("T1", Severity.Urgent);

        var reminders = await RemindersAsync("T1");
        var expected = ticket.PendingTicks.ToDictionary(t => TicketReminders.NameOf(t.Clock), t => t.DueAt);
        Assert.Equal(expected, reminders);
        Assert.Equal(_h.Now + TimeSpan.FromHours(0.8), reminders[TicketReminders.NameOf(ClockKind.FirstResponse)]);
    }

    [Fact]
    public async Task OpenAsync_NewTicket_QueryRowWrittenWithState()
    {
        var ticket = await _h.OpenAsync("T1", Severity.Serious);

        var row = await _h.Storage.ReadTicketRowAsync("T1", _ct);
        Assert.NotNull(row);
        Assert.Equal("open", row.Status);
        Assert.Equal("serious", row.Severity);
        Assert.Equal("product-quality", row.Category);
        Assert.Equal("M1", row.MerchantId);
        Assert.Equal(ticket.OpenedAt + TimeSpan.FromHours(4), row.NextDeadline);
    }

    [Fact]
    public async Task ReminderRound_WarningDue_StageRecordedAndReminderMovesToDeadline()
    {
        await _h.OpenAsync("T1", Severity.Urgent);
        var opened = _h.Now;
        _h.Clock.Advance(TimeSpan.FromMinutes(48));

        Assert.Equal(1, await _h.Runtime.RunReminderRoundAsync(_ct));

        var ticket = await TicketAsync("T1");
        Assert.Equal(1, ticket.Clock(ClockKind.FirstResponse)!.StagesReached);
        Assert.Equal(opened + TimeSpan.FromHours(1), (await RemindersAsync("T1"))[TicketReminders.NameOf(ClockKind.FirstResponse)]);
        Assert.Equal(0, ticket.EscalationLevel);
    }

    [Fact]
    public async Task ReminderRound_FiresAfterOutage_CatchesUpEveryStageOnce()
    {
        await _h.OpenAsync("T1", Severity.Urgent);
        _h.Clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(1, await _h.Runtime.RunReminderRoundAsync(_ct));

        var ticket = await TicketAsync("T1");
        Assert.Equal(2, ticket.EscalationLevel);
        Assert.Equal(ClockStatus.Breached, ticket.Clock(ClockKind.FirstResponse)!.Status);
        var stages = (await _h.Ticket("T1").InvokeAsync(g => g.GetEventsAsync())).OfType<ClockStageReached>()
            .Where(e => e.Clock == ClockKind.FirstResponse).Select(e => e.Stage).ToList();
        Assert.Equal([ClockStage.Warning, ClockStage.Deadline, ClockStage.SecondLevel], stages);
        Assert.DoesNotContain(TicketReminders.NameOf(ClockKind.FirstResponse), (await RemindersAsync("T1")).Keys);
    }

    [Fact]
    public async Task ReceiveReminder_SameTickDeliveredTwice_EffectOnce()
    {
        await _h.OpenAsync("T1", Severity.Urgent);
        var due = (await RemindersAsync("T1"))[TicketReminders.NameOf(ClockKind.FirstResponse)];
        _h.Clock.Advance(TimeSpan.FromMinutes(48));

        await _h.Ticket("T1").InvokeAsync(g => g.ReceiveReminder(TicketReminders.NameOf(ClockKind.FirstResponse), due));
        var afterFirst = await TicketAsync("T1");
        await _h.Ticket("T1").InvokeAsync(g => g.ReceiveReminder(TicketReminders.NameOf(ClockKind.FirstResponse), due));

        Assert.Equal(Json(afterFirst), Json(await TicketAsync("T1")));
    }

    [Fact]
    public async Task ReceiveReminder_DueTimeTruncatedToMicroseconds_StillMatchesTheTick()
    {
        await _h.OpenAsync("T1", Severity.Urgent);
        var due = (await RemindersAsync("T1"))[TicketReminders.NameOf(ClockKind.FirstResponse)];
        var truncated = new DateTimeOffset(due.Ticks - (due.Ticks % 10), due.Offset).AddTicks(-7);
        _h.Clock.Advance(TimeSpan.FromMinutes(48));

        await _h.Ticket("T1").InvokeAsync(g => g.ReceiveReminder(TicketReminders.NameOf(ClockKind.FirstResponse), truncated));

        Assert.Equal(1, (await TicketAsync("T1")).Clock(ClockKind.FirstResponse)!.StagesReached);
    }

    [Fact]
    public async Task ReminderRound_NodeClockSlightlyBehindDatabase_TickStillTakesEffect()
    {
        await _h.OpenAsync("T1", Severity.Urgent);
        var due = (await RemindersAsync("T1"))[TicketReminders.NameOf(ClockKind.FirstResponse)];
        _h.Clock.Advance(TimeSpan.FromMinutes(48) - TimeSpan.FromMilliseconds(5));

        await _h.Ticket("T1").InvokeAsync(g => g.ReceiveReminder(TicketReminders.NameOf(ClockKind.FirstResponse), due));

        Assert.Equal(1, (await TicketAsync("T1")).Clock(ClockKind.FirstResponse)!.StagesReached);
    }

    [Fact]
    public async Task ExecuteAsync_Acknowledged_FirstResponseReminderRemoved()
    {
        await _h.OpenAsync("T1", Severity.Normal);

        var outcome = await _h.SendAsync("T1", new AcknowledgeTicket("We are on it.") { Actor = GrainHarness.Agent });

        Assert.True(outcome.IsAccepted, outcome.ToString());
        var reminders = await RemindersAsync("T1");
        Assert.DoesNotContain(TicketReminders.NameOf(ClockKind.FirstResponse), reminders.Keys);
        Assert.Contains(TicketReminders.NameOf(ClockKind.Resolution), reminders.Keys);
        Assert.Equal("acknowledged", (await _h.Storage.ReadTicketRowAsync("T1", _ct))!.Status);
    }

    [Fact]
    public async Task ExecuteAsync_SeverityRaised_RemindersReplanned()
    {
        var ticket = await _h.OpenAsync("T1", Severity.Normal);
        _h.Clock.Advance(TimeSpan.FromMinutes(10));

        var outcome = await _h.SendAsync("T1", new ChangeSeverity(Severity.Urgent, "customer mentions a fire") { Actor = GrainHarness.Agent });

        Assert.True(outcome.IsAccepted, outcome.ToString());
        var expected = outcome.Ticket!.PendingTicks.ToDictionary(t => TicketReminders.NameOf(t.Clock), t => t.DueAt);
        Assert.Equal(expected, await RemindersAsync("T1"));
        Assert.Equal(ticket.OpenedAt + TimeSpan.FromMinutes(48), expected[TicketReminders.NameOf(ClockKind.FirstResponse)]);
    }

    [Fact]
    public async Task ExecuteAsync_NotAllowedInStatus_RejectedAndNothingWritten()
    {
        await _h.OpenAsync("T1");
        var before = await _h.Storage.ReadStateAsync(GrainTypes.TicketId("T1"), _ct);

        var outcome = await _h.SendAsync("T1", new ArchiveTicket { Actor = GrainHarness.Agent });

        var rejection = Assert.IsType<CommandNotAllowed>(outcome.Rejection);
        Assert.Equal(TicketStatus.Open, rejection.Status);
        Assert.Equal(before!.Version, (await _h.Storage.ReadStateAsync(GrainTypes.TicketId("T1"), _ct))!.Version);
    }

    [Fact]
    public async Task GetEventsAsync_AfterCommands_ReplayReproducesState()
    {
        await _h.OpenAsync("T1");
        await _h.SendAsync("T1", new AcknowledgeTicket("hello") { Actor = GrainHarness.Agent });
        await _h.SendAsync("T1", new AssignTicket(Department.CustomerService, "agent-7") { Actor = GrainHarness.Agent });

        var events = await _h.Ticket("T1").InvokeAsync(g => g.GetEventsAsync());

        // Records holding immutable arrays compare those by reference: compare the persisted form.
        Assert.Equal(Json(await TicketAsync("T1")), Json(TicketState.Replay(events)));
    }
}
