using TicketCluster.Domain.Sla;

namespace TicketCluster.Domain.Tickets;

/// <summary>
/// The ticket lifecycle as a pure function: given the current state (null before intake), a command and
/// the decision context, the events to append or a typed rejection. No I/O, no clock, no randomness.
/// Checks run in a fixed order: existence, the transition table, the actor's role and identity, then the
/// command's own rules.
/// </summary>
public static partial class TicketDecider
{
    public static Decision Decide(TicketState? state, TicketCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);

        if (state is null)
        {
            return command is OpenTicket open
                ? Run(null, new DecisionBuilder(null, open.TicketId, open.Actor, context), b => Open(b, open))
                : Decision.Reject(new TicketNotFound(command.Kind));
        }

        if (!TransitionTable.Allows(state.Status, command.Kind))
        {
            return Decision.Reject(new CommandNotAllowed(state.Status, command.Kind, TransitionTable.AllowedIn(state.Status)));
        }

        if (Permission(state, command) is { } forbidden)
        {
            return Decision.Reject(forbidden);
        }

        return Run(state, new DecisionBuilder(state, state.TicketId, command.Actor, context), b => Dispatch(b, command));
    }

    /// <summary>Runs the command's handler, then holds the result to the ticket's caps: a command that would
    /// overfill the ticket is refused whole. Deadline ticks record no text or evidence, so they are never
    /// refused for it.</summary>
    private static Decision Run(TicketState? before, DecisionBuilder builder, Func<DecisionBuilder, TicketRejection?> handler)
    {
        if (handler(builder) is { } rejection)
        {
            return Decision.Reject(rejection);
        }

        return builder.Policy.Limits.Exceeded(before, builder.State) is { } full ? Decision.Reject(full) : Decision.Accept(builder.Events);
    }

    private static ActorNotPermitted? Permission(TicketState state, TicketCommand command)
    {
        var actor = command.Actor;
        var allowed = RolePermissions.AllowedFor(command.Kind);
        if (string.IsNullOrWhiteSpace(actor.Id) || !allowed.Contains(actor.Role))
        {
            return new ActorNotPermitted(actor.Role, command.Kind, allowed, "this role may not send the command");
        }

        return actor.Role switch
        {
            ActorRole.Customer when actor.Id != state.Customer.Id =>
                new ActorNotPermitted(actor.Role, command.Kind, allowed, "not the ticket's customer"),
            ActorRole.Merchant when actor.Id != state.Order.MerchantId =>
                new ActorNotPermitted(actor.Role, command.Kind, allowed, "not the order's merchant"),
            _ => null,
        };
    }

    private static TicketRejection? Dispatch(DecisionBuilder b, TicketCommand command) => command switch
    {
        OpenTicket => new CommandNotAllowed(b.State.Status, command.Kind, TransitionTable.AllowedIn(b.State.Status)),
        AcknowledgeTicket c => Acknowledge(b, c),
        AssignTicket c => Assign(b, c),
        RequestInformation c => RequestInformation(b, c),
        RecordCustomerReply c => CustomerReply(b, c),
        AddEvidence c => AddEvidence(b, c),
        AddContact c => AddContact(b, c),
        RequestMerchantResponse c => RequestMerchantResponse(b, c),
        RecordMerchantResponse c => MerchantResponse(b, c),
        StartInvestigation c => StartInvestigation(b, c),
        RecordInspectionResult c => InspectionResult(b, c),
        DetermineResponsibility c => DetermineResponsibility(b, c),
        ChangeSeverity c => ChangeSeverity(b, c),
        ChangeCategory c => ChangeCategory(b, c),
        ProposeResolution c => ProposeResolution(b, c),
        ApprovePlan c => ApprovePlan(b, c),
        RejectPlan c => RejectPlan(b, c),
        RecordCustomerConfirmation c => CustomerConfirmation(b, c),
        AuthorizeReturn c => AuthorizeReturn(b, c),
        RecordReturnShipped c => ReturnShipped(b, c),
        RecordReturnReceived c => ReturnReceived(b, c),
        RecordWarehouseInspection c => WarehouseInspection(b, c),
        RecordRefundIssued c => RefundIssued(b, c),
        RecordReplacementShipped c => ReplacementShipped(b, c),
        RecordRepairCompleted c => RepairCompleted(b, c),
        ResolveTicket c => Resolve(b, c),
        AnswerOnTheSpot c => AnswerOnTheSpot(b, c),
        DeclineTicket c => Decline(b, c),
        CloseAsDuplicate c => CloseAsDuplicate(b, c),
        CloseAsSpam c => CloseAsSpam(b, c),
        RecordSatisfaction c => Satisfaction(b, c),
        ReopenTicket c => Reopen(b, c),
        CloseTicket c => Close(b, c),
        WithdrawTicket c => Withdraw(b, c),
        ArchiveTicket => Archive(b),
        EscalateTicket c => Escalate(b, c),
        DeadlineReached c => DeadlineReached(b, c),
        RecordCost c => RecordCost(b, c),
        RecordLogisticsIssue c => RecordLogisticsIssue(b, c),
        ClearLogisticsIssue c => ClearLogisticsIssue(b, c),
        RecordCustomsDocuments c => CustomsDocuments(b, c),
        ReplyToCustomer c => Reply(b, c),
        RecordCallbackDone c => CallbackDone(b, c),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown ticket command."),
    };
}
