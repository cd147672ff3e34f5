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

    /// <summary>When the problem happened; not in the future.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The store or service point where the customer met the problem.</summary>
    public LocationBody? Location { get; init; }

    /// <summary>The order line the complaint is about.</summary>
    public OrderLineBody? OrderLine { get; init; }
}

public sealed record LocationBody
{
    public LocationKind? Kind { get; init; }

    public string? Id { get; init; }

    public string? Name { get; init; }
}

public sealed record OrderLineBody
{
    public string? LineId { get; init; }

    public string? Sku { get; init; }
}

public sealed record CustomerBody
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? Address { get; init; }

    public CustomerTier? Tier { get; init; }

    /// <summary><c>zh-CN</c>, <c>zh-TW</c> or <c>en</c>.</summary>
    public string? Language { get; init; }

    /// <summary>An IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string? TimeZone { get; init; }
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

    /// <summary>The marketplace whose return rules apply (<c>cn</c>, <c>eu</c>, ...: TicketCluster:ReturnPolicies).</summary>
    public string? Marketplace { get; init; }

    /// <summary>The country the order was delivered to, ISO 3166-1 alpha-2 (<c>DE</c>): returns go to its
    /// in-country return address (TicketCluster:ReturnAddresses).</summary>
    public string? ShipToCountry { get; init; }
}

public sealed record OrderItemBody
{
    public string? Sku { get; init; }

    public string? Name { get; init; }

    public int? Quantity { get; init; }

    /// <summary>In the order's currency.</summary>
    public decimal? UnitPrice { get; init; }

    /// <summary>The order system's id of the line.</summary>
    public string? LineId { get; init; }

    /// <summary>The variant bought: colour, size, capacity.</summary>
    public string? Spec { get; init; }
}

public sealed record EvidenceBody
{
    public EvidenceKind? Kind { get; init; }

    public string? Url { get; init; }

    public string? Sha256 { get; init; }

    public string? Note { get; init; }
}
