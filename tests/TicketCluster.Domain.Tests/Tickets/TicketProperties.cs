using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FsCheck.Xunit;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Storage;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>
/// Random walks through the lifecycle: at each step time moves on by a random amount and one command
/// the current status accepts is sent (or a due deadline tick, delivered twice). The invariants are
/// checked after every step.
/// </summary>
public sealed class TicketProperties
{
    private static readonly ResolutionPlan[] Plans =
    [
        RefundPlan(100), RefundPlan(300), ReturnAndRefundPlan(), CompensationPlan(120), ApologyPlan(),
        new(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ReturnFirst),
        new(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ShipFirst),
        new(ResolutionKind.Repair, null), new(ResolutionKind.Reissue, null),
        new(ResolutionKind.Refund, Cny(2000)),
    ];

    [Property(MaxTest = 150)]
    public void RandomWalk_EventsReplayToTheSameState(int[] choices, int[] waits)
    {
        var driver = Walk(choices, waits, _ => { });

        Assert.Equal(JsonSerializer.Serialize(driver.Ticket), JsonSerializer.Serialize(TicketState.Replay(driver.History)));
    }

    [Property(MaxTest = 150)]
    public void RandomWalk_ClosedOrArchivedTicketHasNoRunningClock(int[] choices, int[] waits)
    {
        Walk(choices, waits, d =>
        {
            if (d.Ticket.Status is S.Closed or S.Archived)
            {
                Assert.DoesNotContain(d.Ticket.Clocks.Values, c => c.IsOpen);
                Assert.Empty(d.Ticket.PendingTicks);
            }
        });
    }

    [Property(MaxTest = 150)]
    public void RandomWalk_EveryEventHasActorAndTime(int[] choices, int[] waits)
    {
        Walk(choices, waits, d => Assert.All(d.LastEvents, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Actor.Id));
            Assert.Equal(d.Now, e.At);
            Assert.Equal(TicketId, e.TicketId);
        }));
    }

    [Property(MaxTest = 150)]
    public void RandomWalk_MoneyInvariantsHold(int[] choices, int[] waits)
    {
        Walk(choices, waits, d =>
        {
            var t = d.Ticket;
            Assert.InRange(t.Refunded, 0m, t.RefundCeiling);
            Assert.True(t.CompensationAllowance > 0 || t.Refunded <= t.Order.Amount.Amount);
            if (t.Plan is { Amount: { } planned })
            {
                Assert.InRange(t.Execution.Paid, 0m, planned.Amount);
            }
        });
    }

    [Property(MaxTest = 150)]
    public void RandomWalk_TickDeliveredTwiceHasTheEffectOfOne(int[] choices, int[] waits)
    {
        // Walk delivers every effective tick a second time and asserts that the second delivery yields no
        // events and leaves the state untouched; across the whole history no stage is reached twice.
        var driver = Walk(choices, waits, _ => { });

        var stages = driver.History.OfType<ClockStageReached>().Select(e => (e.Clock, e.Generation, e.Stage)).ToList();
        Assert.Equal(stages.Count, stages.Distinct().Count());
    }

    /// <summary>The stored JSON (<see cref="GrainStateJson"/>, nulls left out where they read back null)
    /// reads back the state and every event as they were: written again with every null member, the same
    /// bytes as the originals written so.</summary>
    [Property(MaxTest = 150)]
    public void RandomWalk_StoredJsonReadsBackTheSameStateAndEvents(int[] choices, int[] waits)
    {
        var driver = Walk(choices, waits, _ => { });
        var withNulls = new JsonSerializerOptions(GrainStateJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        var stored = JsonSerializer.SerializeToUtf8Bytes(driver.Ticket, GrainStateJson.Options);
        Assert.Equal(
            JsonSerializer.Serialize(driver.Ticket, withNulls),
            JsonSerializer.Serialize(JsonSerializer.Deserialize<TicketState>(stored, GrainStateJson.Options), withNulls));
        Assert.True(stored.Length < JsonSerializer.SerializeToUtf8Bytes(driver.Ticket, withNulls).Length);
        var events = JsonSerializer.SerializeToUtf8Bytes(driver.History, GrainStateJson.Options);
        Assert.Equal(
            JsonSerializer.Serialize(driver.History, withNulls),
            JsonSerializer.Serialize(JsonSerializer.Deserialize<List<TicketEvent>>(events, GrainStateJson.Options), withNulls));
    }

    private static TicketDriver Walk(int[] choices, int[] waits, Action<TicketDriver> check)
    {
        var driver = new TicketDriver().Opened((Severity)(Math.Abs(choices.FirstOrDefault()) % 3));
        check(driver);
        for (var i = 0; i < choices.Length; i++)
        {
            var wait = waits.Length == 0 ? 0 : Math.Abs(waits[i % waits.Length] % 100);
            driver.Advance(TimeSpan.FromMinutes(wait * 37));
            var command = Choose(driver, Math.Abs(choices[i] % 1000));
            var decision = driver.Send(command);
            Assert.IsNotType<CommandNotAllowed>(decision.Rejection);
            check(driver);

            if (command is DeadlineReached && decision.Events.Length > 0)
            {
                var state = driver.Ticket;
                Assert.Empty(driver.Must(command));
                Assert.Same(state, driver.Ticket);
            }
        }

        return driver;
    }

    private static TicketCommand Choose(TicketDriver driver, int choice)
    {
        var state = driver.Ticket;
        var candidates = new List<TicketCommand>();
        foreach (var kind in TransitionTable.AllowedIn(state.Status))
        {
            switch (kind)
            {
                case K.DeadlineReached:
                    candidates.AddRange(state.PendingTicks
                        .Where(t => t.DueAt <= driver.Now)
                        .Select(t => new DeadlineReached(t.Clock, t.Generation, t.DueAt) { Actor = SystemActor }));
                    break;
                case K.ProposeResolution:
                    candidates.Add(new ProposeResolution(Plans[choice % Plans.Length]) { Actor = Agent });
                    break;
                case K.RefundIssued:
                    candidates.Add(Sample(kind, state));
                    candidates.Add(new RecordRefundIssued(Cny(1 + (choice % 150)), null) { Actor = SystemActor });
                    break;
                case K.WarehouseInspection:
                    candidates.Add(new RecordWarehouseInspection((WarehouseOutcome)(choice % 3), "checked") { Actor = Agent });
                    break;
                case K.CustomerConfirmation:
                    candidates.Add(new RecordCustomerConfirmation(choice % 4 != 0, "My answer.") { Actor = Customer });
                    break;
                case K.Withdraw or K.Escalate or K.AddEvidence or K.AddContact or K.ChangeSeverity
                    or K.Assign when state.Status != S.Acknowledged:
                    // Commands that do not move the ticket come rarer, so walks get deep into the process.
                    if (choice % 6 == 0)
                    {
                        candidates.Add(Sample(kind, state));
                    }

                    break;
                default:
                    candidates.Add(Sample(kind, state));
                    break;
            }
        }

        if (candidates.Count == 0)
        {
            candidates.Add(Sample(K.DeadlineReached, state));
        }

        return candidates[choice % candidates.Count];
    }
}
