namespace TicketCluster.Domain.Tickets;

/// <summary>
/// Where customers in one destination country send returns: an address inside that country (a bonded
/// warehouse or a return hub), so a cross-border customer never ships a parcel back abroad. Configured per
/// country (<see cref="Sla.TicketPolicy.ReturnAddresses"/>) and used by <c>authorize-return</c> when the
/// agent gives no address (docs/domain.md, "In-country return addresses").
/// </summary>
public sealed record InCountryReturnAddress(string Address, string? Contact)
{
    /// <summary>The longest address or contact, as the API allows for an address.</summary>
    public const int MaxLength = 500;
}

/// <summary>ISO 3166-1 alpha-2 country codes, as orders name where they were delivered.</summary>
public static class CountryCode
{
    /// <summary>Two upper-case ASCII letters (<c>DE</c>, <c>CN</c>); whether the code is assigned is the
    /// order system's to know.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
