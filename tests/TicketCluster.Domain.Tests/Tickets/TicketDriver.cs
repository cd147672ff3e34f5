using System.Collections.Immutable;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>
/// Plays a ticket like the grain does: decide, append the events, apply them. Time moves only when the
/// test says so, and every accepted event is also kept so tests can replay the history.
/// </summary>
internal sealed class TicketDriver
{
    private readonly List<TicketEvent> _history = [];

    public TicketDriver(TicketPolicy? policy = null, DateTimeOffset? start = null)
    {
        Policy = policy ?? TicketPolicy.Default;
        Now = start ?? Start;
    }

    public TicketPolicy Policy { get; }

    public DateTimeOffset Now { get; private set; }

    public TicketState? State { get; private set; }

    public TicketState Ticket => State ?? throw new InvalidOperationException("Not opened.");

    public IReadOnlyList<TicketEvent> History => _history;

    public ImmutableArray<TicketEvent> LastEvents { get; private set; } = [];

    public DecisionContext Context => new(Now, Policy);

    public void Advance(TimeSpan by) => Now += by;

    public void AdvanceTo(DateTimeOffset at) => Now = at;

    public Decision Send(TicketCommand command)
    {
        var decision = TicketDecider.Decide(State, command, Context);
        LastEvents = decision.Events;
        foreach (var e in decision.Events)
        {
            State = TicketState.Evolve(State, e);
            _history.Add(e);
        }

        return decision;
    }

    /// <summary>Sends a command that must be accepted; returns its events.</summary>
    public ImmutableArray<TicketEvent> Must(TicketCommand command)
    {
        var decision = Send(command);
        Assert.True(decision.IsAccepted, $"{command.Kind} was rejected: {decision.Rejection?.Message}");
        return decision.Events;
    }

    public TicketRejection MustFail(TicketCommand command)
    {
        var decision = Send(command);
        Assert.False(decision.IsAccepted, $"{command.Kind} was accepted");
        Assert.Empty(decision.Events);
        return decision.Rejection!;
    }

    public PendingTick PendingTick(ClockKind clock) =>
        Ticket.PendingTicks.Single(t => t.Clock == clock);

    /// <summary>Moves time to the clock's pending tick and delivers it.</summary>
    public ImmutableArray<TicketEvent> FireNext(ClockKind clock)
    {
        var tick = PendingTick(clock);
        if (tick.DueAt > Now)
        {
            Now = tick.DueAt;
        }

        return Must(new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = SystemActor });
    }

    public TicketDriver Opened(Severity severity = Severity.Normal)
    {
        Must(Open(severity));
        return this;
    }

    public TicketDriver InProgress(Severity severity = Severity.Normal)
    {
        Opened(severity);
        Must(Sample(TicketCommandKind.Acknowledge, State));
        Must(Sample(TicketCommandKind.Assign, State));
        return this;
    }

    public TicketDriver Proposed(ResolutionPlan plan)
    {
        InProgress();
        Must(new ProposeResolution(plan) { Actor = Agent });
        return this;
    }

    public TicketDriver Executing(ResolutionPlan plan)
    {
        Proposed(plan);
        if (Ticket.Status == TicketStatus.PendingApproval)
        {
            Must(new ApprovePlan(null) { Actor = Supervisor });
        }

        Must(new RecordCustomerConfirmation(true, "I accept the plan.") { Actor = Customer });
        return this;
    }

    /// <summary>Return authorized, shipped, received and (optionally) inspected.</summary>
    public TicketDriver ReturnedAndInspected(ResolutionPlan plan, bool inspect = true)
    {
        Executing(plan);
        Must(Sample(TicketCommandKind.AuthorizeReturn, State));
        Must(Sample(TicketCommandKind.ReturnShipped, State));
        Must(Sample(TicketCommandKind.ReturnReceived, State));
        if (inspect)
        {
            Must(Sample(TicketCommandKind.WarehouseInspection, State));
        }

        return this;
    }

    public TicketDriver Resolved()
    {
        Executing(ApologyPlan());
        Must(Sample(TicketCommandKind.Resolve, State));
        return this;
    }

    /// <summary>Brings a fresh ticket into <paramref name="status"/> along the ordinary path.</summary>
    public TicketDriver To(TicketStatus status)
    {
        switch (status)
        {
            case TicketStatus.Open: return Opened();
            case TicketStatus.Acknowledged:
                Opened();
                Must(Sample(TicketCommandKind.Acknowledge, State));
                return this;
            case TicketStatus.InProgress: return InProgress();
            case TicketStatus.AwaitingCustomer:
                InProgress();
                Must(Sample(TicketCommandKind.RequestInformation, State));
                return this;
            case TicketStatus.AwaitingMerchant:
                InProgress();
                Must(Sample(TicketCommandKind.RequestMerchantResponse, State));
                return this;
            case TicketStatus.UnderInvestigation:
                InProgress();
                Must(Sample(TicketCommandKind.StartInvestigation, State));
                return this;
            case TicketStatus.PendingApproval: return Proposed(CompensationPlan());
            case TicketStatus.AwaitingConfirmation: return Proposed(RefundPlan());
            case TicketStatus.Executing: return Executing(ReturnAndRefundPlan());
            case TicketStatus.AwaitingReturn:
                Executing(ReturnAndRefundPlan());
                Must(Sample(TicketCommandKind.AuthorizeReturn, State));
                return this;
            case TicketStatus.ReturnInTransit:
                To(TicketStatus.AwaitingReturn);
                Must(Sample(TicketCommandKind.ReturnShipped, State));
                return this;
            case TicketStatus.ReturnReceived: return ReturnedAndInspected(ReturnAndRefundPlan(), inspect: false);
            case TicketStatus.Resolved: return Resolved();
            case TicketStatus.Closed:
                Resolved();
                Must(Sample(TicketCommandKind.Close, State));
                return this;
            case TicketStatus.Archived:
                To(TicketStatus.Closed);
                Must(Sample(TicketCommandKind.Archive, State));
                return this;
            default: throw new ArgumentOutOfRangeException(nameof(status));
        }
    }
}
