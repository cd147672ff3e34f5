using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Client.Contracts;

namespace TicketCluster.Client;

// Typed shorthands for the commands of the process, in its order. Each sends one command through
// SendAsync with the command's fields; the actor is the caller of the token, never a field.
public sealed partial class TicketClusterClient
{
    /// <summary>The first response to the customer; meets the first-response clock.</summary>
    public Task<TicketView> AcknowledgeAsync(string ticketId, string message, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Acknowledge, new { message }, ifMatchVersion, cancellationToken);

    public Task<TicketView> AssignAsync(string ticketId, Department department, string agentId, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Assign, new { department, agentId }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RequestInformationAsync(string ticketId, string question, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.RequestInformation, new { question }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordCustomerReplyAsync(string ticketId, string message, IReadOnlyList<EvidenceItem>? evidence = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.CustomerReply, new { message, evidence = evidence ?? [] }, ifMatchVersion, cancellationToken);

    public Task<TicketView> AddEvidenceAsync(string ticketId, IReadOnlyList<EvidenceItem> evidence, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.AddEvidence, new { evidence }, ifMatchVersion, cancellationToken);

    /// <summary>Asks the order's merchant to respond (48 h by default; silence sends the ticket to platform
    /// arbitration and counts against the merchant).</summary>
    public Task<TicketView> RequestMerchantResponseAsync(string ticketId, string note, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.RequestMerchantResponse, new { note }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordMerchantResponseAsync(string ticketId, MerchantPosition position, string statement, IReadOnlyList<EvidenceItem>? evidence = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.MerchantResponse, new { position, statement, evidence = evidence ?? [] }, ifMatchVersion, cancellationToken);

    public Task<TicketView> StartInvestigationAsync(string ticketId, InvestigationKind investigation, string note, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.StartInvestigation, new { investigation, note }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordInspectionResultAsync(string ticketId, string findings, IReadOnlyList<EvidenceItem>? evidence = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.InspectionResult, new { findings, evidence = evidence ?? [] }, ifMatchVersion, cancellationToken);

    public Task<TicketView> DetermineResponsibilityAsync(string ticketId, ResponsibleParty party, string reason, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.DetermineResponsibility, new { party, reason }, ifMatchVersion, cancellationToken);

    /// <summary>Proposes <paramref name="plan"/>. A compensation, or an amount above the currency's
    /// threshold, waits for a supervisor (status pending-approval); otherwise the customer is asked to
    /// confirm.</summary>
    public Task<TicketView> ProposeResolutionAsync(string ticketId, ResolutionPlan plan, long? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var body = new { plan = new { kind = plan.Kind, amount = plan.Amount, shippingPaidBy = plan.ShippingPaidBy, exchange = plan.Exchange, note = plan.Note } };
        return SendAsync(ticketId, TicketCommands.ProposeResolution, body, ifMatchVersion, cancellationToken);
    }

    /// <summary>A supervisor's approval of the pending plan.</summary>
    public Task<TicketView> ApproveResolutionAsync(string ticketId, string? note = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.ApproveResolution, new { note }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RejectResolutionAsync(string ticketId, string reason, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.RejectResolution, new { reason }, ifMatchVersion, cancellationToken);

    /// <summary>The customer's written answer to the plan (channel or customer role), recorded verbatim.</summary>
    public Task<TicketView> ConfirmResolutionAsync(string ticketId, bool accepted, string statement, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.CustomerConfirmation, new { accepted, statement }, ifMatchVersion, cancellationToken);

    /// <summary>Authorizes the return to <paramref name="returnAddress"/>, or without one to the in-country
    /// return address of the order's destination country; without a window the policy's return-shipment
    /// window applies.</summary>
    public Task<TicketView> AuthorizeReturnAsync(string ticketId, string? returnAddress, TimeSpan? window = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.AuthorizeReturn, new { returnAddress, window }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordReturnShippedAsync(string ticketId, string carrier, string trackingNumber, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.ReturnShipped, new { carrier, trackingNumber }, ifMatchVersion, cancellationToken);

    /// <summary>The warehouse's receipt of the return (warehouse role).</summary>
    public Task<TicketView> RecordReturnReceivedAsync(string ticketId, string? note = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.ReturnReceived, new { note }, ifMatchVersion, cancellationToken);

    /// <summary>The warehouse's verdict on the return (warehouse role); a fail or damage needs a note.</summary>
    public Task<TicketView> RecordWarehouseInspectionAsync(string ticketId, WarehouseOutcome outcome, string? note = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.WarehouseInspection, new { outcome, note }, ifMatchVersion, cancellationToken);

    /// <summary>A refund paid out (finance role), in the order's currency.</summary>
    public Task<TicketView> RecordRefundIssuedAsync(string ticketId, Money amount, string? reference = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.RefundIssued, new { amount, reference }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordReplacementShippedAsync(string ticketId, string carrier, string trackingNumber, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.ReplacementShipped, new { carrier, trackingNumber }, ifMatchVersion, cancellationToken);

    public Task<TicketView> RecordRepairCompletedAsync(string ticketId, string? note = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.RepairCompleted, new { note }, ifMatchVersion, cancellationToken);

    /// <summary>Resolves the ticket once the plan is carried out; <paramref name="result"/> is what the
    /// customer was told.</summary>
    public Task<TicketView> ResolveAsync(string ticketId, string result, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Resolve, new { result }, ifMatchVersion, cancellationToken);

    /// <summary>The customer's survey answer, 1 to 5 (channel or customer role).</summary>
    public Task<TicketView> RecordSatisfactionAsync(string ticketId, int score, string? comment = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Satisfaction, new { score, comment }, ifMatchVersion, cancellationToken);

    /// <summary>Reopens a resolved ticket within the reopening window; it escalates one level.</summary>
    public Task<TicketView> ReopenAsync(string ticketId, string reason, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Reopen, new { reason }, ifMatchVersion, cancellationToken);

    public Task<TicketView> CloseAsync(string ticketId, string? note = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Close, new { note }, ifMatchVersion, cancellationToken);

    public Task<TicketView> WithdrawAsync(string ticketId, string reason, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Withdraw, new { reason }, ifMatchVersion, cancellationToken);

    public Task<TicketView> EscalateAsync(string ticketId, string reason, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Escalate, new { reason }, ifMatchVersion, cancellationToken);

    /// <summary>Staff write to the customer (<paramref name="visibility"/> <c>public</c>: sent to them and
    /// in their view) or a note for staff only (<c>internal</c>).</summary>
    public Task<TicketView> ReplyAsync(string ticketId, string message, string visibility = "public", long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.Reply, new { visibility, message }, ifMatchVersion, cancellationToken);

    /// <summary>Records the callback owed to a dissatisfied customer: <paramref name="outcome"/> is
    /// <c>settled</c>, <c>still-dissatisfied</c> or <c>unreachable</c>.</summary>
    public Task<TicketView> RecordCallbackDoneAsync(string ticketId, string outcome, string note, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendAsync(ticketId, TicketCommands.CallbackDone, new { outcome, note }, ifMatchVersion, cancellationToken);
}
