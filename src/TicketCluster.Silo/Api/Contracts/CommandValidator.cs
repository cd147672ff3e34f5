using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>
/// Bounds every field of a command sent through the API with the same <see cref="FieldRules"/> the intake
/// uses, before the command reaches the domain. Every command type the API routes has its case here; a
/// type without one is a programming error, not a client's, and fails loudly (the API tests post an
/// over-long value into every string of every routed command and expect a 400 naming it).
/// </summary>
public static class CommandValidator
{
    /// <summary>The problems by field path; empty when the command may go to the ticket.</summary>
    public static Dictionary<string, string[]> Validate(TicketCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rules = new FieldRules();
        switch (command)
        {
            case AcknowledgeTicket c:
                rules.Message(c.Message, "message", required: true);
                break;
            case AssignTicket c:
                rules.Id(c.AgentId, "agentId", required: true);
                break;
            case RequestInformation c:
                rules.Note(c.Question, "question", required: true);
                break;
            case RecordCustomerReply c:
                rules.Message(c.Message, "message", required: true);
                Evidence(rules, c.Evidence, required: false);
                break;
            case AddEvidence c:
                Evidence(rules, c.Evidence, required: true);
                break;
            case RequestMerchantResponse c:
                rules.Note(c.Note, "note", required: true);
                break;
            case RecordMerchantResponse c:
                rules.Message(c.Statement, "statement", required: true);
                Evidence(rules, c.Evidence, required: false);
                break;
            case StartInvestigation c:
                rules.Note(c.Note, "note", required: true);
                break;
            case RecordInspectionResult c:
                rules.Message(c.Findings, "findings", required: true);
                Evidence(rules, c.Evidence, required: false);
                rules.Count(c.WarrantyMonths, "warrantyMonths", 1, WarrantyAssessment.MaxMonths, required: false);
                break;
            case DetermineResponsibility c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case ChangeSeverity c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case ChangeCategory c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case ProposeResolution c when rules.Required(c.Plan, "plan") is { } plan:
                rules.Money(plan.Amount, "plan.amount", required: false);
                rules.Note(plan.Note, "plan.note", required: false);
                if (plan.Replacement is { } replacement)
                {
                    rules.Id(replacement.Sku, "plan.replacement.sku", required: true);
                    rules.Name(replacement.Spec, "plan.replacement.spec", required: false);
                }

                break;
            case ProposeResolution:
                break;
            case ApprovePlan c:
                rules.Note(c.Note, "note", required: false);
                break;
            case RejectPlan c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case RecordCustomerConfirmation c:
                rules.Message(c.Statement, "statement", required: true);
                break;
            case AuthorizeReturn c:
                rules.Address(c.ReturnAddress, "returnAddress", required: false);
                rules.Window(c.Window, "window", required: false);
                rules.Note(c.Contact, "contact", required: false);
                rules.Note(c.Packaging, "packaging", required: false);
                rules.Names(c.Accessories, "accessories", ReturnInstructions.MaxAccessories);
                break;
            case RecordReturnShipped c:
                rules.Name(c.Carrier, "carrier", required: true);
                rules.TrackingNumber(c.TrackingNumber, "trackingNumber", required: true);
                rules.Money(c.ShippingCost, "shippingCost", required: false);
                break;
            case RecordReturnReceived c:
                rules.Note(c.Note, "note", required: false);
                break;
            case RecordWarehouseInspection c:
                rules.Note(c.Note, "note", required: false);
                break;
            case RecordRefundIssued c:
                rules.Money(c.Amount, "amount", required: true);
                rules.Id(c.Reference, "reference", required: false);
                break;
            case RecordReplacementShipped c:
                rules.Name(c.Carrier, "carrier", required: true);
                rules.TrackingNumber(c.TrackingNumber, "trackingNumber", required: true);
                rules.Id(c.Sku, "sku", required: false);
                rules.Name(c.Spec, "spec", required: false);
                break;
            case RecordRepairCompleted c:
                rules.Note(c.Note, "note", required: false);
                break;
            case ResolveTicket c:
                rules.Message(c.Result, "result", required: true);
                rules.Note(c.CorrectiveAction, "correctiveAction", required: false);
                break;
            case AnswerOnTheSpot c:
                rules.Message(c.Answer, "answer", required: true);
                break;
            case DeclineTicket c:
                rules.Note(c.Note, "note", required: true);
                break;
            case CloseAsDuplicate c:
                rules.Id(c.DuplicateOf, "duplicateOf", required: true);
                rules.Note(c.Note, "note", required: false);
                break;
            case CloseAsSpam c:
                rules.Note(c.Note, "note", required: true);
                break;
            case RecordSatisfaction c:
                rules.Count(c.Score, "score", 1, 5, required: true);
                rules.Note(c.Comment, "comment", required: false);
                break;
            case ReopenTicket c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case CloseTicket c:
                rules.Note(c.Note, "note", required: false);
                break;
            case WithdrawTicket c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case ArchiveTicket:
                break;
            case EscalateTicket c:
                rules.Note(c.Reason, "reason", required: true);
                break;
            case RecordLogisticsIssue c:
                rules.Note(c.Note, "note", required: true);
                break;
            case ClearLogisticsIssue c:
                rules.Note(c.Note, "note", required: true);
                break;
            case RecordCustomsDocuments c:
                rules.Note(c.Documents, "documents", required: true);
                break;
            case ReplyToCustomer c:
                rules.Message(c.Message, "message", required: true);
                break;
            case RecordCallbackDone c:
                rules.Note(c.Note, "note", required: true);
                break;
            case RecordCost c:
                rules.Money(c.Amount, "amount", required: true);
                rules.Note(c.Reason, "reason", required: true);
                break;
            default:
                throw new NotSupportedException($"{command.GetType().Name} has no field rules; add its case to {nameof(CommandValidator)}.");
        }

        return rules.ToDictionary();
    }

    private static void Evidence(FieldRules rules, ImmutableArray<EvidenceItem> items, bool required) =>
        rules.Evidence(items.IsDefault ? [] : items, "evidence", required, e => new EvidenceView(e.Kind, e.Url, e.Sha256, e.Note));
}
