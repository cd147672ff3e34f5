using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Parties;

/// <summary>
/// A fact about a ticket that involves the merchant, as the merchant scorecard consumes it. The grain
/// layer maps ticket events to facts; <see cref="EventId"/> is the ticket event's unique id. Facts of one
/// ticket are expected in the ticket's order.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$fact")]
[JsonDerivedType(typeof(DisputeOpened), "dispute-opened")]
[JsonDerivedType(typeof(MerchantResponded), "merchant-responded")]
[JsonDerivedType(typeof(MerchantDeadlineMissed), "merchant-deadline-missed")]
[JsonDerivedType(typeof(ResponsibilityDetermined), "responsibility-determined")]
[JsonDerivedType(typeof(SatisfactionRated), "satisfaction-rated")]
[JsonDerivedType(typeof(DisputeClosed), "dispute-closed")]
public abstract record MerchantFact(string EventId, string TicketId, DateTimeOffset At);

/// <summary>A ticket about one of the merchant's orders was opened (or reopened).</summary>
public sealed record DisputeOpened(string EventId, string TicketId, DateTimeOffset At)
    : MerchantFact(EventId, TicketId, At);

/// <summary>The merchant answered a request for a response that was due at <paramref name="DueAt"/>.</summary>
public sealed record MerchantResponded(string EventId, string TicketId, DateTimeOffset At, DateTimeOffset DueAt)
    : MerchantFact(EventId, TicketId, At);

/// <summary>The merchant's response deadline passed without an answer: a strike.</summary>
public sealed record MerchantDeadlineMissed(string EventId, string TicketId, DateTimeOffset At)
    : MerchantFact(EventId, TicketId, At);

/// <summary>Responsibility for the ticket was determined (or determined again).</summary>
public sealed record ResponsibilityDetermined(string EventId, string TicketId, DateTimeOffset At, MerchantLiability Liability)
    : MerchantFact(EventId, TicketId, At);

/// <summary>The customer rated the handling of the ticket, 1 (worst) to 5 (best); other scores are ignored.</summary>
public sealed record SatisfactionRated(string EventId, string TicketId, DateTimeOffset At, int Score)
    : MerchantFact(EventId, TicketId, At);

/// <summary>The ticket was closed.</summary>
public sealed record DisputeClosed(string EventId, string TicketId, DateTimeOffset At)
    : MerchantFact(EventId, TicketId, At);

/// <summary>
/// The merchant's share of a responsibility decision. The grain maps the ticket's responsible party:
/// merchant → <see cref="Full"/>, shared → <see cref="Shared"/>, customer, carrier or platform →
/// <see cref="None"/>, undetermined → <see cref="Undetermined"/>.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MerchantLiability>))]
public enum MerchantLiability
{
    Undetermined,
    None,
    Shared,
    Full,
}
