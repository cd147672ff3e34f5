using System.Collections.Immutable;
using System.Text.Json.Serialization;
using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// A ticket as its events made it. Immutable; <see cref="Apply"/> returns the next state and
/// <see cref="Replay"/> rebuilds a state from its events exactly. Persisted as JSON by the ticket grain.
/// </summary>
public sealed partial record TicketState
{
    public required string TicketId { get; init; }

    /// <summary>The sequence number of the last applied event.</summary>
    public long Version { get; init; }

    public TicketStatus Status { get; init; }

    public Channel Channel { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>Every channel contact: the intake first, then merged ones.</summary>
    public ImmutableArray<ContactRecord> Contacts { get; init; } = [];

    public required CustomerInfo Customer { get; init; }

    public required OrderInfo Order { get; init; }

    public TicketCategory Category { get; init; }

    public Severity Severity { get; init; }

    /// <summary>The category and severity the ticket opened with and why; corrections change
    /// <see cref="Category"/> and <see cref="Severity"/>, never this.</summary>
    public OpeningClassification? Classified { get; init; }

    public RequestedOutcome RequestedOutcome { get; init; }

    public required string Description { get; init; }

    /// <summary>Why the problem happened, as the latest resolution found (null when it said none).</summary>
    public RootCause? RootCause { get; init; }

    /// <summary>What is done so that it does not happen again, from the latest resolution.</summary>
    public string? CorrectiveAction { get; init; }

    /// <summary>The verdict of the latest investigation inspection that reached one.</summary>
    public InspectionOutcome? InspectionOutcome { get; init; }

    /// <summary>The latest warranty assessment (<see cref="WarrantyAssessment"/>), made at an inspection.</summary>
    public WarrantyAssessment? Warranty { get; init; }

    /// <summary>When, where and about which order line, as the intake said (<see cref="IncidentFacts"/>).</summary>
    public IncidentFacts? Incident { get; init; }

    /// <summary>The line the complaint is about: the one <see cref="IncidentFacts.OrderLine"/> names, or the
    /// order's only line; null when neither tells.</summary>
    [JsonIgnore]
    public OrderItem? OriginalLine => ConcernedLine ?? (Order.Items is { IsDefault: false, Length: 1 } items ? items[0] : null);

    /// <summary>The order line <see cref="IncidentFacts.OrderLine"/> names, when the order lists it.</summary>
    [JsonIgnore]
    public OrderItem? ConcernedLine => Incident?.OrderLine is { } line && !Order.Items.IsDefault
        ? Order.Items.FirstOrDefault(i => (line.LineId is null || i.LineId == line.LineId) && (line.Sku is null || i.Sku == line.Sku))
        : null;

    public ImmutableArray<EvidenceItem> Evidence { get; init; } = [];

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public Department? Department { get; init; }

    public string? AssigneeId { get; init; }

    public MerchantPosition? MerchantPosition { get; init; }

    public ResponsibilityDecision? Responsibility { get; init; }

    /// <summary>Who made the latest responsibility decision; the money lines it causes name them.</summary>
    public Actor? ResponsibilityDecidedBy { get; init; }

    /// <summary>Who proposed the plan on the table; a line the plan decides (its shipping payer) names them.</summary>
    public Actor? PlanProposedBy { get; init; }

    /// <summary>Who pays whom what on this ticket (<see cref="MoneyLine"/>), in the order they were recorded.
    /// Kept across reopening and new plans: money that moved stays moved.</summary>
    public ImmutableArray<MoneyLine> MoneyLines { get; init; } = [];

    /// <summary>The logistics exceptions still open (<see cref="LogisticsIssue"/>), oldest first.</summary>
    public ImmutableArray<LogisticsIssue> LogisticsExceptions { get; init; } = [];

    /// <summary>The plan on the table (proposed, approved or confirmed), null when there is none.</summary>
    public ResolutionPlan? Plan { get; init; }

    public bool IsPlanApproved { get; init; }

    public bool IsPlanConfirmed { get; init; }

    public ExecutionProgress Execution { get; init; } = ExecutionProgress.None;

    /// <summary>Money refunded or paid out on this ticket so far, in the order's currency.</summary>
    public decimal Refunded { get; init; }

    /// <summary>Sum of the compensation plans a supervisor approved and the customer confirmed; raises the refund ceiling.</summary>
    public decimal CompensationAllowance { get; init; }

    /// <summary>0 none, 1 supervisor, 2 manager.</summary>
    public int EscalationLevel { get; init; }

    public int MerchantStrikes { get; init; }

    public int ReopenCount { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public SatisfactionAnswer? Satisfaction { get; init; }

    public bool IsSurveyClosed { get; init; }

    /// <summary>The latest callback owed to a dissatisfied customer (<see cref="CallbackTask"/>); null when
    /// no survey answer asked for one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CallbackTask? Callback { get; init; }

    public ClosureReason? ClosureReason { get; init; }

    /// <summary>Whether the current resolution answered a question on the spot (<see cref="AnswerOnTheSpot"/>).</summary>
    public bool AnsweredOnTheSpot { get; init; }

    /// <summary>Why staff declined the ticket, when <see cref="ClosureReason"/> is <see cref="Tickets.ClosureReason.Declined"/>.</summary>
    public DeclineReason? DeclineReason { get; init; }

    /// <summary>The ticket this one duplicates, when <see cref="ClosureReason"/> is <see cref="Tickets.ClosureReason.Duplicate"/>.</summary>
    public string? DuplicateOf { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>How many texts the history records and its estimated size, for <see cref="TicketLimits"/>.</summary>
    public TicketContent Content { get; init; }

    public ImmutableSortedDictionary<ClockKind, SlaClock> Clocks { get; init; } = ImmutableSortedDictionary<ClockKind, SlaClock>.Empty;

    /// <summary>The highest total the ticket may refund: the order amount plus approved compensation.</summary>
    [JsonIgnore]
    public decimal RefundCeiling => Order.Amount.Amount + CompensationAllowance;

    /// <summary>How the ticket ended; null while it has not (a reopened ticket has not ended).</summary>
    [JsonIgnore]
    public FinalOutcome? Outcome => ClosureReason switch
    {
        Tickets.ClosureReason.Withdrawn => FinalOutcome.Withdrawn,
        Tickets.ClosureReason.ReturnWindowLapsed => FinalOutcome.ReturnWindowLapsed,
        Tickets.ClosureReason.Declined => DeclineReason switch
        {
            Tickets.DeclineReason.Fraud => FinalOutcome.DeclinedFraud,
            Tickets.DeclineReason.OutsidePolicy => FinalOutcome.DeclinedOutsidePolicy,
            _ => FinalOutcome.DeclinedCustomerResponsible,
        },
        Tickets.ClosureReason.Duplicate => FinalOutcome.Duplicate,
        Tickets.ClosureReason.Spam => FinalOutcome.Spam,
        // Manual and automatic closes follow a resolution; a resolved ticket not closed yet has ended too.
        _ => ResolvedAt is null ? null : AnsweredOnTheSpot ? FinalOutcome.AnsweredOnTheSpot : FinalOutcome.Resolved,
    };

    /// <summary>For each counting clock, the next tick to schedule as a durable reminder.</summary>
    [JsonIgnore]
    public ImmutableArray<PendingTick> PendingTicks =>
        [.. Clocks.Values.Select(c => c.NextTick()).OfType<PendingTick>()];

    public SlaClock? Clock(ClockKind kind) => Clocks.GetValueOrDefault(kind);

    /// <summary>Rebuilds a ticket from its events, the first of which must be <see cref="TicketOpened"/>.</summary>
    public static TicketState Replay(IEnumerable<TicketEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        TicketState? state = null;
        foreach (var e in events)
        {
            state = Evolve(state, e);
        }

        return state ?? throw new ArgumentException("A ticket has at least its opening event.", nameof(events));
    }

    /// <summary>Applies the first event (<see cref="TicketOpened"/>) to no state, or any event to a state.</summary>
    public static TicketState Evolve(TicketState? state, TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (state is null)
        {
            return e is TicketOpened opened
                ? Open(opened)
                : throw new InvalidOperationException($"The first event of a ticket is {nameof(TicketOpened)}, not {e.GetType().Name}.");
        }

        return state.Apply(e);
    }

    public TicketState Apply(TicketEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Sequence != Version + 1)
        {
            throw new InvalidOperationException($"Event {e.EventId} does not follow version {Version} of ticket {TicketId}.");
        }

        return ApplyPayload(e) with { Version = e.Sequence, Content = Content.Add(e) };
    }

    private static TicketState Open(TicketOpened e)
    {
        if (e.Sequence != 1)
        {
            throw new InvalidOperationException($"The opening event of ticket {e.TicketId} has sequence {e.Sequence}, not 1.");
        }

        return new TicketState
        {
            TicketId = e.TicketId,
            Version = 1,
            Status = TicketStatus.Open,
            Channel = e.Channel,
            ExternalId = e.ExternalId,
            Contacts = [new ContactRecord(e.Channel, e.ExternalId, e.At, e.Description)],
            Customer = e.Customer,
            Order = e.Order,
            Category = e.Category,
            Severity = e.Severity,
            Classified = new OpeningClassification(e.Category, e.Severity, e.ClassificationReasons.IsDefault ? [] : e.ClassificationReasons),
            RequestedOutcome = e.RequestedOutcome,
            Description = e.Description,
            Incident = e.Incident,
            Evidence = e.Evidence,
            OpenedAt = e.At,
            Content = default(TicketContent).Add(e),
        };
    }
}
