using System.Collections.Immutable;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// Collects the events of one decision. Each event is stamped with the ticket id, the next sequence
/// number, the decision time and the actor, and applied at once, so later steps of the same decision see
/// the state the earlier events made (a clock started by this decision can be paused by it).
/// </summary>
internal sealed class DecisionBuilder
{
    private readonly ImmutableArray<TicketEvent>.Builder _events = ImmutableArray.CreateBuilder<TicketEvent>();
    private readonly string _ticketId;
    private TicketState? _state;

    public DecisionBuilder(TicketState? state, string ticketId, Actor actor, DecisionContext context)
    {
        _state = state;
        _ticketId = ticketId;
        Actor = actor;
        Context = context;
    }

    public Actor Actor { get; }

    public DecisionContext Context { get; }

    public DateTimeOffset Now => Context.Now;

    public TicketPolicy Policy => Context.Policy;

    /// <summary>The state after the events emitted so far. Only the opening decision starts without one.</summary>
    public TicketState State => _state ?? throw new InvalidOperationException("The ticket is not open yet.");

    public ImmutableArray<TicketEvent> Events => _events.ToImmutable();

    public void Emit(TicketEvent payload)
    {
        var stamped = payload with
        {
            TicketId = _ticketId,
            Sequence = (_state?.Version ?? 0) + 1,
            At = Now,
            Actor = Actor,
        };
        _state = TicketState.Evolve(_state, stamped);
        _events.Add(stamped);
    }

    /// <summary>Starts a clock (a new generation); an open clock of the same kind is stopped first.</summary>
    public void StartClock(ClockKind kind, TimeSpan? window = null)
    {
        var current = State.Clock(kind);
        if (current is { IsOpen: true })
        {
            Emit(new ClockStopped(kind, current.Generation));
        }

        Emit(new ClockStarted(
            kind,
            (current?.Generation ?? 0) + 1,
            window ?? Policy.Sla.WindowOf(kind, State.Severity),
            Policy.Escalation)
        {
            Calendar = CalendarFor(kind, State.Severity),
        });
    }

    /// <summary>The calendar a clock of <paramref name="kind"/> starting now counts on (null: wall-clock in UTC).</summary>
    public BusinessCalendar? CalendarFor(ClockKind kind, Severity severity) =>
        Policy.Calendars.For(kind, severity, State.Department, State.Order.MerchantId, State.Order.Marketplace, Now);

    public void PauseClock(ClockKind kind)
    {
        if (State.Clock(kind) is { IsCounting: true } clock)
        {
            Emit(new ClockPaused(kind, clock.Generation));
        }
    }

    public void ResumeClock(ClockKind kind)
    {
        // A customs hold keeps the resolution clock paused whatever else happens until the documents arrive.
        if (kind == ClockKind.Resolution && LogisticsRules.HoldsResolution(State.LogisticsExceptions))
        {
            return;
        }

        if (State.Clock(kind) is { Status: ClockStatus.Paused } clock)
        {
            Emit(new ClockResumed(kind, clock.Generation));
        }
    }

    /// <summary>The awaited step happened: met if the deadline had not passed, stopped otherwise.</summary>
    public void FulfilClock(ClockKind kind)
    {
        if (State.Clock(kind) is { IsOpen: true } clock)
        {
            Emit(clock.BreachedAt is null ? new ClockMet(kind, clock.Generation) : new ClockStopped(kind, clock.Generation));
        }
    }

    public void StopClock(ClockKind kind)
    {
        if (State.Clock(kind) is { IsOpen: true } clock)
        {
            Emit(new ClockStopped(kind, clock.Generation));
        }
    }

    public void StopAllClocks()
    {
        foreach (var kind in State.Clocks.Keys)
        {
            StopClock(kind);
        }
    }

    /// <summary>Raises the escalation level to at least <paramref name="level"/>; records the escalation even at the same level so the role is notified.</summary>
    public void Escalate(int level, EscalationReason reason, ClockKind? clock, string? note = null) =>
        Emit(new TicketEscalated(Math.Max(State.EscalationLevel, level), reason, clock, note));
}
