using Orleans;
using Orleans.Runtime;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The ticket grain's clocks on Orleans reminders, driven by calling <c>ReceiveReminder</c> after
/// advancing the manual clock.</summary>
public sealed class OrleansTicketClockTests() : OrleansClusterTests
{
    internal static async Task<TicketState> OpenAsync(ITicketGrain ticket, string id, Severity severity = Severity.Urgent, string customerId = "C1", string orderId = "O1")
    {
        var turn = await ticket.OpenOrMergeAsync(TestTickets.OpenCommand(id, severity, customerId, orderId), "msg-" + id, new IntakeKeys("customer:" + customerId, "key-" + id, "fp-" + id));
        Assert.True(turn.Opened && turn.Outcome.IsAccepted, turn.Outcome.ToString());
        return turn.Outcome.Ticket!;
    }

    private Task TickAsync(string id, ClockKind clock) =>
        Cluster.Ticket(id).ReceiveReminder(TicketReminders.NameOf(clock), new TickStatus(Cluster.Clock.GetUtcNow().UtcDateTime, TicketReminders.DefaultRetryPeriod, Cluster.Clock.GetUtcNow().UtcDateTime));

    private async Task<List<ClockStage>> StagesAsync(string id, ClockKind clock) =>
        [.. (await Cluster.Ticket(id).GetEventsAsync()).OfType<ClockStageReached>().Where(e => e.Clock == clock).Select(e => e.Stage)];

    [Fact]
    public async Task OpenOrMergeAsync_NewTicket_OneReminderPerCountingClockWithRetryPeriod()
    {
        var before = DateTime.UtcNow;
        var ticket = await OpenAsync(Cluster.Ticket("T1"), "T1");
        var after = DateTime.UtcNow;

        var reminders = await Cluster.RemindersAsync("T1");
        Assert.Equal(ticket.PendingTicks.Select(t => TicketReminders.NameOf(t.Clock)).Order(), reminders.Keys.Order());
        Assert.Equal(2, reminders.Count);
        foreach (var tick in ticket.PendingTicks)
        {
            var reminder = reminders[TicketReminders.NameOf(tick.Clock)];
            var dueIn = tick.DueAt - Cluster.Clock.GetUtcNow();
            Assert.Equal(TicketReminders.DefaultRetryPeriod, reminder.Period);
            Assert.InRange(reminder.StartAt, before + dueIn, after + dueIn);
        }
    }

    [Fact]
    public async Task ReceiveReminder_DueTickThenDuplicate_EscalatesOnceThenNothing()
    {
        await OpenAsync(Cluster.Ticket("T1"), "T1");
        Cluster.Clock.Advance(TimeSpan.FromMinutes(48));

        await TickAsync("T1", ClockKind.FirstResponse);
        var version = (await Cluster.Ticket("T1").GetAsync())!.Version;
        await TickAsync("T1", ClockKind.FirstResponse);

        Assert.Equal([ClockStage.Warning], await StagesAsync("T1", ClockKind.FirstResponse));
        var ticket = (await Cluster.Ticket("T1").GetAsync())!;
        Assert.Equal(version, ticket.Version);
        Assert.Equal(ClockStage.Deadline, ticket.Clock(ClockKind.FirstResponse)!.NextTick()!.Value.Stage);
    }

    [Fact]
    public async Task ReceiveReminder_EarlyTick_ChangesNothing()
    {
        var opened = await OpenAsync(Cluster.Ticket("T1"), "T1");
        Cluster.Clock.Advance(TimeSpan.FromMinutes(47));

        await TickAsync("T1", ClockKind.FirstResponse);

        Assert.Equal(opened.Version, (await Cluster.Ticket("T1").GetAsync())!.Version);
        Assert.Empty(await StagesAsync("T1", ClockKind.FirstResponse));
        Assert.Contains(TicketReminders.NameOf(ClockKind.FirstResponse), (await Cluster.RemindersAsync("T1")).Keys);
    }

    [Fact]
    public async Task ReceiveReminder_LateTick_CatchesUpEveryMissedStageOnce()
    {
        await OpenAsync(Cluster.Ticket("T1"), "T1");
        Cluster.Clock.Advance(TimeSpan.FromHours(3));

        await TickAsync("T1", ClockKind.FirstResponse);
        await TickAsync("T1", ClockKind.FirstResponse);

        Assert.Equal([ClockStage.Warning, ClockStage.Deadline, ClockStage.SecondLevel], await StagesAsync("T1", ClockKind.FirstResponse));
        Assert.Equal(2, (await Cluster.Ticket("T1").GetAsync())!.EscalationLevel);
        Assert.DoesNotContain(TicketReminders.NameOf(ClockKind.FirstResponse), (await Cluster.RemindersAsync("T1")).Keys);
    }

    [Fact]
    public async Task ReconcileAsync_MissingAndStrayReminders_RegistersMissingRemovesStray()
    {
        var ticket = await OpenAsync(Cluster.Ticket("T1"), "T1");
        var grainId = GrainId.Create(GrainTypes.Ticket, "T1");
        var firstResponse = TicketReminders.NameOf(ClockKind.FirstResponse);
        var row = await Cluster.ReminderTable.ReadRow(grainId, firstResponse);
        Assert.True(await Cluster.ReminderTable.RemoveRow(grainId, firstResponse, row!.ETag!));
        await Cluster.ReminderTable.UpsertRow(new ReminderEntry { GrainId = grainId, ReminderName = "stray", StartAt = DateTime.UtcNow.AddHours(1), Period = TimeSpan.FromMinutes(1) });

        await Cluster.Ticket("T1").ReconcileAsync();

        var reminders = await Cluster.RemindersAsync("T1");
        Assert.Equal(ticket.PendingTicks.Select(t => TicketReminders.NameOf(t.Clock)).Order(), reminders.Keys.Order());
    }

    [Fact]
    public async Task ReconcileAsync_TickDueWithoutReminder_DecidesItAndMovesTheReminder()
    {
        await OpenAsync(Cluster.Ticket("T1"), "T1");
        Cluster.Clock.Advance(TimeSpan.FromMinutes(50));

        await Cluster.Ticket("T1").ReconcileAsync();
        await Cluster.Ticket("T1").ReconcileAsync();

        Assert.Equal([ClockStage.Warning], await StagesAsync("T1", ClockKind.FirstResponse));
        Assert.Contains(TicketReminders.NameOf(ClockKind.FirstResponse), (await Cluster.RemindersAsync("T1")).Keys);
    }

    [Fact]
    public async Task DeactivateAsync_TicketWithClocks_StateAndRemindersSurvive()
    {
        var ticket = await OpenAsync(Cluster.Ticket("T1"), "T1");
        var reminders = await Cluster.RemindersAsync("T1");

        await Cluster.Cluster.DeactivateAsync(Cluster.Ticket("T1"));
        var reloaded = await Cluster.Ticket("T1").GetAsync();

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(ticket, Serialization.DomainJson.Options), System.Text.Json.JsonSerializer.Serialize(reloaded, Serialization.DomainJson.Options));
        Assert.Equal(reminders.Keys.Order(), (await Cluster.RemindersAsync("T1")).Keys.Order());
    }

    [Fact]
    public async Task ReceiveReminder_GrainClockSlightlyBehindTheTick_TickStillTakesEffect()
    {
        await OpenAsync(Cluster.Ticket("T1"), "T1");
        Cluster.Clock.Advance(TimeSpan.FromMinutes(48) - TimeSpan.FromMilliseconds(0.5));

        await TickAsync("T1", ClockKind.FirstResponse);

        Assert.Equal([ClockStage.Warning], await StagesAsync("T1", ClockKind.FirstResponse));
    }

    [Fact]
    public async Task ExecuteAsync_Acknowledged_FirstResponseReminderRemovedAndRowAcknowledged()
    {
        await OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);

        var outcome = await Cluster.Ticket("T1").ExecuteAsync(new AcknowledgeTicket("We are on it.") { Actor = TestTickets.Agent }, null, null);

        Assert.True(outcome.IsAccepted, outcome.ToString());
        var reminders = await Cluster.RemindersAsync("T1");
        Assert.DoesNotContain(TicketReminders.NameOf(ClockKind.FirstResponse), reminders.Keys);
        Assert.Contains(TicketReminders.NameOf(ClockKind.Resolution), reminders.Keys);
        Assert.Equal("acknowledged", (await Cluster.RowAsync("T1"))!.Status);
    }

    [Fact]
    public async Task ExecuteAsync_SeverityRaised_ReminderMovedToTheEarlierTick()
    {
        var opened = await OpenAsync(Cluster.Ticket("T1"), "T1", Severity.Normal);
        Cluster.Clock.Advance(TimeSpan.FromMinutes(10));

        var before = DateTime.UtcNow;
        var outcome = await Cluster.Ticket("T1").ExecuteAsync(new ChangeSeverity(Severity.Urgent, "customer mentions a fire") { Actor = TestTickets.Agent }, null, null);
        var after = DateTime.UtcNow;

        Assert.True(outcome.IsAccepted, outcome.ToString());
        var tick = outcome.Ticket!.PendingTicks.Single(t => t.Clock == ClockKind.FirstResponse);
        Assert.Equal(opened.OpenedAt + TimeSpan.FromMinutes(48), tick.DueAt);
        var reminders = await Cluster.RemindersAsync("T1");
        Assert.Equal(outcome.Ticket.PendingTicks.Select(t => TicketReminders.NameOf(t.Clock)).Order(), reminders.Keys.Order());
        var dueIn = tick.DueAt - Cluster.Clock.GetUtcNow();
        Assert.InRange(reminders[TicketReminders.NameOf(ClockKind.FirstResponse)].StartAt, before + dueIn, after + dueIn);
    }
}
