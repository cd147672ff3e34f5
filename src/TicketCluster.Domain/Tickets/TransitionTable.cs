using System.Collections.Frozen;
using System.Collections.Immutable;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// Which commands each status accepts. The decider consults this table before anything else, so a
/// command outside it is rejected with <see cref="CommandNotAllowed"/> however valid its content.
/// Where a command leads is decided by its events (see <see cref="TicketState"/>).
/// </summary>
public static class TransitionTable
{
    // Commands any ticket in progress accepts: they add to the file or change its urgency without moving it.
    private static readonly TicketCommandKind[] WhileActive = [K.AddEvidence, K.AddContact, K.ChangeSeverity, K.ChangeCategory, K.Escalate, K.Withdraw, K.DeadlineReached, K.RecordCost,
        K.RecordLogisticsIssue, K.ClearLogisticsIssue, K.CustomsDocuments, K.Reply, K.CallbackDone];

    // Staff may end a ticket without resolving it until the customer has confirmed a plan in writing: from then
    // on the platform owes the customer that plan (a failed warehouse inspection drops it and the ticket is
    // back in progress, where it can be declined).
    private static readonly TicketCommandKind[] Dismissals = [K.Decline, K.CloseAsDuplicate, K.CloseAsSpam];

    private static readonly FrozenDictionary<TicketStatus, ImmutableArray<TicketCommandKind>> Allowed =
        new Dictionary<TicketStatus, ImmutableArray<TicketCommandKind>>
        {
            // A simple question is answered on the spot before any investigation: at first contact or once routed.
            [TicketStatus.Open] = [K.Acknowledge, K.AnswerOnTheSpot, .. Dismissals, .. WhileActive],
            [TicketStatus.Acknowledged] = [K.Assign, K.AnswerOnTheSpot, .. Dismissals, .. WhileActive],
            [TicketStatus.InProgress] =
            [
                K.Assign, K.RequestInformation, K.RequestMerchantResponse, K.StartInvestigation, K.DetermineResponsibility,
                K.ProposeResolution, K.AnswerOnTheSpot, .. Dismissals, .. WhileActive,
            ],
            [TicketStatus.AwaitingCustomer] = [K.CustomerReply, K.Assign, .. Dismissals, .. WhileActive],
            [TicketStatus.AwaitingMerchant] = [K.MerchantResponse, K.Assign, .. Dismissals, .. WhileActive],
            [TicketStatus.UnderInvestigation] = [K.InspectionResult, K.Assign, .. Dismissals, .. WhileActive],
            [TicketStatus.PendingApproval] = [K.ApprovePlan, K.RejectPlan, K.Assign, .. Dismissals, .. WhileActive],
            [TicketStatus.AwaitingConfirmation] = [K.CustomerConfirmation, K.Assign, .. Dismissals, .. WhileActive],
            [TicketStatus.Executing] =
            [
                K.AuthorizeReturn, K.RefundIssued, K.ReplacementShipped, K.RepairCompleted, K.Resolve, K.Assign, .. WhileActive,
            ],
            [TicketStatus.AwaitingReturn] = [K.ReturnShipped, K.Assign, .. WhileActive],
            [TicketStatus.ReturnInTransit] = [K.ReturnReceived, K.Assign, .. WhileActive],
            [TicketStatus.ReturnReceived] = [K.WarehouseInspection, K.Assign, .. WhileActive],
            // Money often settles after the customer is answered: a cost may be recorded until the ticket is archived.
            [TicketStatus.Resolved] = [K.Satisfaction, K.Reopen, K.Close, K.DeadlineReached, K.RecordCost, K.CallbackDone],
            [TicketStatus.Closed] = [K.Reopen, K.Archive, K.DeadlineReached, K.RecordCost, K.CallbackDone],
            [TicketStatus.Archived] = [K.DeadlineReached],
        }.ToFrozenDictionary();

    /// <summary>The commands <paramref name="status"/> accepts, in a stable order.</summary>
    public static ImmutableArray<TicketCommandKind> AllowedIn(TicketStatus status) => Allowed[status];

    public static bool Allows(TicketStatus status, TicketCommandKind command) => Allowed[status].Contains(command);
}

/// <summary>Which roles may send each command. Checked after the transition table.</summary>
public static class RolePermissions
{
    private static readonly ImmutableArray<ActorRole> Staff = [ActorRole.Agent, ActorRole.Supervisor, ActorRole.Manager];
    private static readonly ImmutableArray<ActorRole> StaffAndSystem = [.. Staff, ActorRole.System];
    private static readonly ImmutableArray<ActorRole> Approvers = [ActorRole.Supervisor, ActorRole.Manager];

    // Hotline and store contacts are typed in by staff, so most customer steps also accept staff.
    private static readonly ImmutableArray<ActorRole> CustomerOrStaff = [ActorRole.Customer, .. Staff];

    private static readonly FrozenDictionary<TicketCommandKind, ImmutableArray<ActorRole>> Roles =
        new Dictionary<TicketCommandKind, ImmutableArray<ActorRole>>
        {
            [K.Open] = [ActorRole.Customer, .. StaffAndSystem],
            [K.Acknowledge] = Staff,
            [K.Assign] = StaffAndSystem,
            [K.RequestInformation] = Staff,
            [K.CustomerReply] = CustomerOrStaff,
            [K.AddEvidence] = [ActorRole.Customer, ActorRole.Merchant, .. Staff],
            [K.AddContact] = [ActorRole.Customer, .. StaffAndSystem],
            [K.RequestMerchantResponse] = Staff,
            [K.MerchantResponse] = [ActorRole.Merchant, .. Staff],
            [K.StartInvestigation] = Staff,
            [K.InspectionResult] = Staff,
            [K.DetermineResponsibility] = Staff,
            [K.ChangeSeverity] = StaffAndSystem,
            [K.ChangeCategory] = StaffAndSystem,
            [K.ProposeResolution] = Staff,
            [K.ApprovePlan] = Approvers,
            [K.RejectPlan] = Approvers,
            // The written confirmation is the customer's own.
            [K.CustomerConfirmation] = [ActorRole.Customer],
            [K.AuthorizeReturn] = StaffAndSystem,
            [K.ReturnShipped] = CustomerOrStaff,
            [K.ReturnReceived] = StaffAndSystem,
            [K.WarehouseInspection] = Staff,
            [K.RefundIssued] = StaffAndSystem,
            [K.ReplacementShipped] = [ActorRole.Merchant, .. StaffAndSystem],
            [K.RepairCompleted] = [ActorRole.Merchant, .. Staff],
            [K.Resolve] = Staff,
            [K.AnswerOnTheSpot] = Staff,

            // Declining, or dismissing as a duplicate or spam, is staff's decision; withdrawing is the customer's.
            [K.Decline] = Staff,
            [K.CloseAsDuplicate] = Staff,
            [K.CloseAsSpam] = Staff,
            [K.Satisfaction] = [ActorRole.Customer],
            [K.Reopen] = CustomerOrStaff,
            [K.Close] = StaffAndSystem,
            [K.Withdraw] = CustomerOrStaff,
            [K.Archive] = StaffAndSystem,
            [K.Escalate] = CustomerOrStaff,
            [K.DeadlineReached] = [ActorRole.System],

            // A cost no rule derives is staff's decision, named in the line.
            [K.RecordCost] = Staff,

            // The carrier's and customs' news reaches staff (or an integration); the documents are the customer's.
            [K.RecordLogisticsIssue] = StaffAndSystem,
            [K.ClearLogisticsIssue] = StaffAndSystem,
            [K.CustomsDocuments] = CustomerOrStaff,

            // Writing to the customer (or a note for colleagues) and calling a dissatisfied customer back are staff's.
            [K.Reply] = Staff,
            [K.CallbackDone] = Staff,
        }.ToFrozenDictionary();

    public static ImmutableArray<ActorRole> AllowedFor(TicketCommandKind command) => Roles[command];

    public static bool Allows(TicketCommandKind command, ActorRole role) => Roles[command].Contains(role);
}
