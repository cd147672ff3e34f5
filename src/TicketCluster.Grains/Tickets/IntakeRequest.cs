using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// An intake as a gateway sends it. Null category or severity: classify. <see cref="Submitter"/> names
/// who sent it (<c>customer:{id}</c>, <c>channel:{gateway}</c>, <c>staff:{subject}</c>): its idempotency
/// keys and channel message ids are its own. <see cref="StatedTier"/> is the tier a trusted caller stated;
/// null keeps the tier the customer's profile knows (<see cref="CustomerInfo.Tier"/> is then replaced).
/// </summary>
public sealed record IntakeRequest(
    string Submitter,
    CustomerTier? StatedTier,
    Actor Actor,
    Channel Channel,
    string? ExternalId,
    CustomerInfo Customer,
    OrderInfo Order,
    TicketCategory? Category,
    Severity? Severity,
    RequestedOutcome RequestedOutcome,
    string Description,
    System.Collections.Immutable.ImmutableArray<EvidenceItem> Evidence)
{
    /// <summary>When, where and about which order line; null when the intake says none of it.</summary>
    public IncidentFacts? Incident { get; init; }
}

/// <summary>How an intake was taken.</summary>
public enum IntakeKind
{
    Created,
    Replayed,
    Merged,
    Refused,

    /// <summary>The idempotency key was used before by the same submitter for another intake.</summary>
    KeyReused,
}

/// <summary>The ticket an intake created, replayed or merged into; or the domain's rejection.</summary>
public sealed class IntakeResult
{
    private IntakeResult(IntakeKind kind, TicketState? ticket, TicketClassification? classification, TicketRejection? rejection)
    {
        Kind = kind;
        Ticket = ticket;
        Classification = classification;
        Rejection = rejection;
    }

    public IntakeKind Kind { get; }

    public TicketState? Ticket { get; }

    /// <summary>How a new ticket was classified, with the reasons; null unless created.</summary>
    public TicketClassification? Classification { get; }

    public TicketRejection? Rejection { get; }

    internal static IntakeResult Created(TicketState ticket, TicketClassification classification) => new(IntakeKind.Created, ticket, classification, null);

    internal static IntakeResult Replayed(TicketState ticket) => new(IntakeKind.Replayed, ticket, null, null);

    internal static IntakeResult Merged(TicketState ticket) => new(IntakeKind.Merged, ticket, null, null);

    internal static IntakeResult Refused(TicketRejection rejection) => new(IntakeKind.Refused, null, null, rejection);

    internal static IntakeResult KeyReused() => new(IntakeKind.KeyReused, null, null, null);
}
