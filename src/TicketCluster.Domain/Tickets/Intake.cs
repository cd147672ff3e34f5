using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>Who sent a command or caused an event: an id and the role it acted in.</summary>
public readonly record struct Actor(string Id, ActorRole Role)
{
    /// <summary>The actor of deadline ticks and automatic transitions.</summary>
    public static Actor System { get; } = new("system", ActorRole.System);
}

/// <summary>The customer as recorded at intake. Personal data: never logged, masked for merchants.
/// <see cref="Language"/> is one of <see cref="CustomerLanguages.Supported"/>; <see cref="TimeZone"/> an
/// IANA time zone id (checked against the time zone database at the API).</summary>
public sealed record CustomerInfo(string Id, string Name, string Phone, string Email, string Address, CustomerTier Tier)
{
    public string? Language { get; init; }

    public string? TimeZone { get; init; }
}

/// <summary>One line of the order. <see cref="LineId"/> is the order system's line id, <see cref="Spec"/>
/// the variant bought (colour, size, capacity), as the order system writes it.</summary>
public sealed record OrderItem(string Sku, string Name, int Quantity, Money UnitPrice)
{
    public string? LineId { get; init; }

    public string? Spec { get; init; }
}

/// <summary>The order the problem is about. <see cref="Amount"/> is what was paid and caps refunds.</summary>
public sealed record OrderInfo(
    string Id,
    string MerchantId,
    Money Amount,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? DeliveredAt,
    ImmutableArray<OrderItem> Items)
{
    /// <summary>The marketplace whose return rules apply (<see cref="Sla.TicketPolicy.ReturnPolicies"/>):
    /// <c>cn</c>, <c>eu</c>, ...; null when the order names none (then only the approval thresholds apply).</summary>
    public string? Marketplace { get; init; }

    /// <summary>The country the order was delivered to (ISO 3166-1 alpha-2, <see cref="CountryCode"/>): where
    /// a return goes to the in-country address (<see cref="Sla.TicketPolicy.ReturnAddresses"/>); null when
    /// the intake named none.</summary>
    public string? ShipToCountry { get; init; }
}

/// <summary>A reference to a photo, video or document with the SHA-256 of its content (64 hex digits).</summary>
public sealed record EvidenceItem(EvidenceKind Kind, string Url, string Sha256, string? Note);

/// <summary>One channel contact merged into the ticket: the original intake or a later one about the same problem.</summary>
public sealed record ContactRecord(Channel Channel, string ExternalId, DateTimeOffset At, string? Description);

/// <summary>
/// A proposed resolution. <see cref="Amount"/> is set for the plans that pay money (refund, return and
/// refund, compensation) and absent otherwise; <see cref="ShippingPaidBy"/> belongs to return-and-refund,
/// <see cref="Exchange"/> to exchange.
/// </summary>
public sealed record ResolutionPlan(
    ResolutionKind Kind,
    Money? Amount,
    ShippingPayer? ShippingPaidBy = null,
    ExchangeMode? Exchange = null,
    string? Note = null)
{
    /// <summary>For an exchange: the item sent in place of the original, when it is not the same SKU and
    /// spec as the original line (then a supervisor must approve the plan).</summary>
    public ReplacementItem? Replacement { get; init; }

    public bool PaysMoney => Kind is ResolutionKind.Refund or ResolutionKind.ReturnAndRefund or ResolutionKind.Compensation;

    public bool NeedsReturn => Kind is ResolutionKind.ReturnAndRefund or ResolutionKind.Exchange;
}

/// <summary>An item by SKU and spec (the variant: colour, size, capacity); a null spec matches any.</summary>
public sealed record ReplacementItem(string Sku, string? Spec)
{
    public static ReplacementItem Of(OrderItem line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new ReplacementItem(line.Sku, line.Spec);
    }

    /// <summary>Same SKU, and the same spec where both name one.</summary>
    public bool Matches(string sku, string? spec) =>
        string.Equals(Sku, sku, StringComparison.Ordinal) && (Spec is null || spec is null || string.Equals(Spec, spec, StringComparison.Ordinal));
}

/// <summary>The responsibility decision with its recorded reasoning.</summary>
public sealed record ResponsibilityDecision(ResponsibleParty Party, string Reason);

/// <summary>The customer's survey answer.</summary>
public sealed record SatisfactionAnswer(int Score, string? Comment);
