using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>The body of <c>POST /api/v1/tickets</c>. Everything is nullable here so that
/// <see cref="IntakeValidator"/> can name every missing or malformed field at once.</summary>
public sealed record IntakeBody
{
    public Channel? Channel { get; init; }

    /// <summary>The channel's own message id; a second intake with the same one is a replay.</summary>
    public string? ExternalId { get; init; }

    public CustomerBody? Customer { get; init; }

    public OrderBody? Order { get; init; }

    public TicketCategory? Category { get; init; }

    public Severity? Severity { get; init; }

    public RequestedOutcome? RequestedOutcome { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<EvidenceBody?>? Evidence { get; init; }
}

public sealed record CustomerBody
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Address { get; init; }

    public CustomerTier? Tier { get; init; }
}

public sealed record OrderBody
{
    public string? Id { get; init; }

    public string? MerchantId { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>ISO 4217, upper case.</summary>
    public string? Currency { get; init; }

    public DateTimeOffset? PurchasedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public IReadOnlyList<OrderItemBody?>? Items { get; init; }
}

public sealed record OrderItemBody
{
    public string? Sku { get; init; }

    public string? Name { get; init; }

    public int? Quantity { get; init; }

    /// <summary>In the order's currency.</summary>
    public decimal? UnitPrice { get; init; }
}

public sealed record EvidenceBody
{
    public EvidenceKind? Kind { get; init; }

    public string? Url { get; init; }

    public string? Sha256 { get; init; }

    public string? Note { get; init; }
}
