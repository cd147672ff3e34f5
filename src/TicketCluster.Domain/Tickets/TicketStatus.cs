using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

/// <summary>Where a ticket stands in the after-sales process. docs/domain.md draws the transitions.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<TicketStatus>))]
public enum TicketStatus
{
    /// <summary>Taken in; waiting for the first response.</summary>
    Open,

    /// <summary>The customer has had a first response; waiting to be routed.</summary>
    Acknowledged,

    /// <summary>Routed to a department and agent; being investigated.</summary>
    InProgress,

    /// <summary>Waiting for the customer to answer a request for information.</summary>
    AwaitingCustomer,

    /// <summary>Waiting for the merchant's response.</summary>
    AwaitingMerchant,

    /// <summary>Platform intervention, inspection or third-party appraisal under way.</summary>
    UnderInvestigation,

    /// <summary>A plan waits for a supervisor's approval.</summary>
    PendingApproval,

    /// <summary>A plan waits for the customer's written confirmation.</summary>
    AwaitingConfirmation,

    /// <summary>The confirmed plan is being carried out.</summary>
    Executing,

    /// <summary>Return authorized; waiting for the customer to ship it.</summary>
    AwaitingReturn,

    /// <summary>The return is on its way to the warehouse.</summary>
    ReturnInTransit,

    /// <summary>The warehouse received the return; waiting for its inspection.</summary>
    ReturnReceived,

    /// <summary>The result was notified; survey and reopening window open.</summary>
    Resolved,

    Closed,

    Archived,
}
