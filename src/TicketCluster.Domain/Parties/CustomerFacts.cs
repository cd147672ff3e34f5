using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// A fact about one of the customer's tickets, as the customer model consumes it. The grain layer maps
/// ticket events to facts; <see cref="EventId"/> is the ticket event's unique id and makes applying idempotent.
/// Facts of one ticket are expected in the ticket's order (the outbox delivers them so).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$fact")]
[JsonDerivedType(typeof(ComplaintOpened), "complaint-opened")]
[JsonDerivedType(typeof(ComplaintCategoryChanged), "complaint-category-changed")]
[JsonDerivedType(typeof(ComplaintClosed), "complaint-closed")]
[JsonDerivedType(typeof(ComplaintReopened), "complaint-reopened")]
[JsonDerivedType(typeof(ReturnReceived), "return-received")]
[JsonDerivedType(typeof(ReturnInspected), "return-inspected")]
public abstract record CustomerFact(string EventId, string TicketId, DateTimeOffset At);

/// <summary>A ticket was opened for the customer about an order (an empty order id when none).</summary>
public sealed record ComplaintOpened(string EventId, string TicketId, DateTimeOffset At, string OrderId, TicketCategory Category)
    : CustomerFact(EventId, TicketId, At);

/// <summary>The ticket was reclassified.</summary>
public sealed record ComplaintCategoryChanged(string EventId, string TicketId, DateTimeOffset At, TicketCategory Category)
    : CustomerFact(EventId, TicketId, At);

/// <summary>The ticket was closed.</summary>
public sealed record ComplaintClosed(string EventId, string TicketId, DateTimeOffset At)
    : CustomerFact(EventId, TicketId, At);

/// <summary>The customer reopened the ticket.</summary>
public sealed record ComplaintReopened(string EventId, string TicketId, DateTimeOffset At)
    : CustomerFact(EventId, TicketId, At);

/// <summary>The warehouse received the customer's return for the ticket.</summary>
public sealed record ReturnReceived(string EventId, string TicketId, DateTimeOffset At, string OrderId)
    : CustomerFact(EventId, TicketId, At);

/// <summary>The warehouse inspected the customer's return.</summary>
public sealed record ReturnInspected(string EventId, string TicketId, DateTimeOffset At, InspectionFinding Finding)
    : CustomerFact(EventId, TicketId, At);

/// <summary>What the warehouse found when it inspected a return.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<InspectionFinding>))]
public enum InspectionFinding
{
    /// <summary>The item is as the customer described (the defect is confirmed).</summary>
    AsDescribed,

    /// <summary>No fault found.</summary>
    NoFaultFound,

    /// <summary>The customer damaged the item.</summary>
    DamagedByCustomer,

    /// <summary>The returned item is not the one sold (a warehouse or investigation inspection found
    /// <c>not-original-item</c>).</summary>
    ItemSwappedOrMissing,

    /// <summary>The item came back without accessories it was sold with (not flagged by default).</summary>
    AccessoriesMissing,
}
