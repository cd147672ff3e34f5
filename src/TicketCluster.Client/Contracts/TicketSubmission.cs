using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Client.Contracts;

/// <summary>
/// An intake as <c>POST /api/v1/tickets</c> takes it. Leave <see cref="Category"/> and
/// <see cref="Severity"/> null to let the silo classify the ticket (safety words make it urgent; VIP
/// customers, high order values and repeat complaints at least serious). <see cref="ExternalId"/> is the
/// channel's own message id: a second intake with the same one is a replay.
/// </summary>
public sealed record TicketSubmission(
    Channel Channel,
    CustomerDetails Customer,
    OrderDetails Order,
    string Description,
    RequestedOutcome? RequestedOutcome = null,
    TicketCategory? Category = null,
    Severity? Severity = null,
    string? ExternalId = null,
    IReadOnlyList<EvidenceItem>? Evidence = null);

/// <summary>Who complains. A phone or an e-mail is required.</summary>
public sealed record CustomerDetails(
    string Id,
    string Name,
    string? Phone = null,
    string? Email = null,
    string? Address = null,
    CustomerTier? Tier = null);

/// <summary>The order the problem is about; <see cref="Currency"/> is ISO 4217 (upper case), and the
/// amounts have no more decimals than it has.</summary>
public sealed record OrderDetails(
    string Id,
    string MerchantId,
    decimal Amount,
    string Currency,
    DateTimeOffset PurchasedAt,
    DateTimeOffset? DeliveredAt = null,
    IReadOnlyList<OrderLine>? Items = null)
{
    /// <summary>The marketplace whose return rules apply (<c>cn</c>, <c>eu</c>, ...).</summary>
    public string? Marketplace { get; init; }

    /// <summary>The country the order was delivered to (ISO 3166-1 alpha-2, <c>DE</c>): returns go to its
    /// in-country return address.</summary>
    public string? ShipToCountry { get; init; }
}

/// <summary>One line of the order; <see cref="UnitPrice"/> is in the order's currency.</summary>
public sealed record OrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);
