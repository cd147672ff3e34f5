namespace TicketCluster.Client;

/// <summary>
/// The route names of the ticket commands (<c>POST /api/v1/tickets/{id}/{command}</c>), for
/// <see cref="TicketClusterClient.SendAsync"/>. Which role may send which is the silo's table
/// (docs/silo.md); the ticket's <c>allowedCommands</c> lists what the caller may send now.
/// </summary>
public static class TicketCommands
{
    public const string Acknowledge = "acknowledge";
    public const string Assign = "assign";
    public const string RequestInformation = "request-info";
    public const string CustomerReply = "customer-reply";
    public const string AddEvidence = "add-evidence";
    public const string RequestMerchantResponse = "request-merchant-response";
    public const string MerchantResponse = "merchant-response";
    public const string StartInvestigation = "start-investigation";
    public const string InspectionResult = "inspection-result";
    public const string DetermineResponsibility = "determine-responsibility";
    public const string ChangeSeverity = "change-severity";
    public const string ChangeCategory = "change-category";
    public const string ProposeResolution = "propose-resolution";
    public const string ApproveResolution = "approve-resolution";
    public const string RejectResolution = "reject-resolution";
    public const string CustomerConfirmation = "customer-confirmation";
    public const string AuthorizeReturn = "authorize-return";
    public const string ReturnShipped = "return-shipped";
    public const string ReturnReceived = "return-received";
    public const string WarehouseInspection = "warehouse-inspection";
    public const string RefundIssued = "refund-issued";
    public const string ReplacementShipped = "replacement-shipped";
    public const string RepairCompleted = "repair-completed";
    public const string Resolve = "resolve";
    public const string AnswerOnTheSpot = "answer-on-the-spot";
    public const string Decline = "decline";
    public const string CloseAsDuplicate = "close-as-duplicate";
    public const string CloseAsSpam = "close-as-spam";
    public const string Satisfaction = "satisfaction";
    public const string Reopen = "reopen";
    public const string Close = "close";
    public const string Withdraw = "withdraw";
    public const string Archive = "archive";
    public const string Escalate = "escalate";
    public const string RecordCost = "record-cost";
    public const string RecordLogisticsIssue = "record-logistics-issue";
    public const string ClearLogisticsIssue = "clear-logistics-issue";
    public const string CustomsDocuments = "customs-documents";
    public const string Reply = "reply";
    public const string CallbackDone = "callback-done";
}
