using System.Collections.Frozen;
using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;
using R = TicketCluster.Silo.Auth.ApiRole;

namespace TicketCluster.Silo.Auth;

/// <summary>A command as the API names it: the route segment, the domain command type its body binds to,
/// and the roles that may send it.</summary>
public sealed record CommandRoute(string Name, TicketCommandKind Kind, Type BodyType, ImmutableArray<ApiRole> Roles);

/// <summary>
/// The one table of which role may send which command through <c>POST /api/v1/tickets/{id}/{command}</c>.
/// The domain's own <see cref="RolePermissions"/> is checked after it (a warehouse or finance caller acts
/// as an agent there), so this table can only narrow what the domain allows, never widen it.
/// </summary>
public static class CommandRoutes
{
    private static readonly ImmutableArray<ApiRole> CustomerSide = [R.Channel, R.Customer];
    private static readonly ImmutableArray<ApiRole> Staff = [R.Agent, R.Supervisor, R.Admin];
    private static readonly ImmutableArray<ApiRole> Approvers = [R.Supervisor, R.Admin];

    private static readonly ImmutableArray<CommandRoute> All =
    [
        Route<AcknowledgeTicket>("acknowledge", TicketCommandKind.Acknowledge, Staff),
        Route<AssignTicket>("assign", TicketCommandKind.Assign, Staff),
        Route<RequestInformation>("request-info", TicketCommandKind.RequestInformation, Staff),
        Route<RecordCustomerReply>("customer-reply", TicketCommandKind.CustomerReply, [.. CustomerSide, .. Staff]),
        Route<AddEvidence>("add-evidence", TicketCommandKind.AddEvidence, [.. CustomerSide, R.Merchant, R.Warehouse, .. Staff]),
        Route<RequestMerchantResponse>("request-merchant-response", TicketCommandKind.RequestMerchantResponse, Staff),
        Route<RecordMerchantResponse>("merchant-response", TicketCommandKind.MerchantResponse, [R.Merchant, .. Staff]),
        Route<StartInvestigation>("start-investigation", TicketCommandKind.StartInvestigation, Staff),
        Route<RecordInspectionResult>("inspection-result", TicketCommandKind.InspectionResult, Staff),
        Route<DetermineResponsibility>("determine-responsibility", TicketCommandKind.DetermineResponsibility, Staff),
        Route<ChangeSeverity>("change-severity", TicketCommandKind.ChangeSeverity, Staff),
        Route<ChangeCategory>("change-category", TicketCommandKind.ChangeCategory, Staff),
        Route<ProposeResolution>("propose-resolution", TicketCommandKind.ProposeResolution, Staff),
        Route<ApprovePlan>("approve-resolution", TicketCommandKind.ApprovePlan, Approvers),
        Route<RejectPlan>("reject-resolution", TicketCommandKind.RejectPlan, Approvers),
        Route<RecordCustomerConfirmation>("customer-confirmation", TicketCommandKind.CustomerConfirmation, CustomerSide),
        Route<AuthorizeReturn>("authorize-return", TicketCommandKind.AuthorizeReturn, Staff),
        Route<RecordReturnShipped>("return-shipped", TicketCommandKind.ReturnShipped, [.. CustomerSide, .. Staff]),
        Route<RecordReturnReceived>("return-received", TicketCommandKind.ReturnReceived, [R.Warehouse, R.Admin]),
        Route<RecordWarehouseInspection>("warehouse-inspection", TicketCommandKind.WarehouseInspection, [R.Warehouse, R.Admin]),
        Route<RecordRefundIssued>("refund-issued", TicketCommandKind.RefundIssued, [R.Finance, R.Admin]),
        Route<RecordReplacementShipped>("replacement-shipped", TicketCommandKind.ReplacementShipped, [R.Merchant, .. Staff]),
        Route<RecordRepairCompleted>("repair-completed", TicketCommandKind.RepairCompleted, [R.Merchant, .. Staff]),
        Route<ResolveTicket>("resolve", TicketCommandKind.Resolve, Staff),
        Route<AnswerOnTheSpot>("answer-on-the-spot", TicketCommandKind.AnswerOnTheSpot, Staff),
        Route<DeclineTicket>("decline", TicketCommandKind.Decline, Staff),
        Route<CloseAsDuplicate>("close-as-duplicate", TicketCommandKind.CloseAsDuplicate, Staff),
        Route<CloseAsSpam>("close-as-spam", TicketCommandKind.CloseAsSpam, Staff),
        Route<RecordSatisfaction>("satisfaction", TicketCommandKind.Satisfaction, CustomerSide),
        Route<ReopenTicket>("reopen", TicketCommandKind.Reopen, [.. CustomerSide, .. Staff]),
        Route<CloseTicket>("close", TicketCommandKind.Close, Staff),
        Route<WithdrawTicket>("withdraw", TicketCommandKind.Withdraw, [.. CustomerSide, .. Staff]),
        Route<ArchiveTicket>("archive", TicketCommandKind.Archive, Staff),
        Route<EscalateTicket>("escalate", TicketCommandKind.Escalate, [.. CustomerSide, .. Approvers]),
        Route<RecordCost>("record-cost", TicketCommandKind.RecordCost, Staff),
        Route<RecordLogisticsIssue>("record-logistics-issue", TicketCommandKind.RecordLogisticsIssue, Staff),
        Route<ClearLogisticsIssue>("clear-logistics-issue", TicketCommandKind.ClearLogisticsIssue, Staff),
        Route<RecordCustomsDocuments>("customs-documents", TicketCommandKind.CustomsDocuments, [.. CustomerSide, .. Staff]),
        Route<ReplyToCustomer>("reply", TicketCommandKind.Reply, Staff),
        Route<RecordCallbackDone>("callback-done", TicketCommandKind.CallbackDone, Staff),
    ];

    private static readonly FrozenDictionary<string, CommandRoute> ByName = All.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    private static readonly FrozenDictionary<TicketCommandKind, CommandRoute> ByKind = All.ToFrozenDictionary(r => r.Kind);

    /// <summary>Every command route, in the order of the process.</summary>
    public static ImmutableArray<CommandRoute> Routes => All;

    public static CommandRoute? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The API's name of a domain command; null for commands the API does not expose (open,
    /// contacts, deadline ticks).</summary>
    public static string? NameOf(TicketCommandKind kind) => ByKind.GetValueOrDefault(kind)?.Name;

    /// <summary>May <paramref name="role"/> send commands at all (intake aside)?</summary>
    public static bool MaySend(ApiRole role, CommandRoute route) => route.Roles.Contains(role);

    private static CommandRoute Route<TCommand>(string name, TicketCommandKind kind, ImmutableArray<ApiRole> roles)
        where TCommand : TicketCommand => new(name, kind, typeof(TCommand), roles);
}
