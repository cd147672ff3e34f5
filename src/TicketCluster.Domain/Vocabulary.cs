using System.Text.Json.Serialization;

namespace TicketCluster.Domain;

// The shared vocabulary of the after-sales process. Enumerations serialize as their names; the API
// layer renders them in kebab-case.

/// <summary>What the problem is about (DESIGN.md, step 2).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<TicketCategory>))]
public enum TicketCategory
{
    ProductQuality,
    Logistics,
    ServiceAttitude,
    Price,
    ReturnPolicy,
    Invoice,
    InstallationUsage,
    Counterfeit,
    Other,
}

/// <summary>How fast the ticket must be handled; decides the first-response and resolution windows.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Severity>))]
public enum Severity
{
    Normal,
    Serious,
    Urgent,
}

/// <summary>Where the customer wrote in.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Channel>))]
public enum Channel
{
    WebForm,
    App,
    Hotline,
    Email,
    Chat,
    SocialMedia,
    ReviewMonitoring,
    Store,
    MarketplaceApi,
}

/// <summary>The customer's loyalty tier; VIP customers' tickets are at least serious.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CustomerTier>))]
public enum CustomerTier
{
    Regular,
    Silver,
    Gold,
    Vip,
}

/// <summary>What the customer asks for at intake.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RequestedOutcome>))]
public enum RequestedOutcome
{
    Refund,
    ReturnAndRefund,
    Exchange,
    Repair,
    Reissue,
    Compensation,
    Explanation,
}

/// <summary>
/// An amount of money in minor-unit-free decimal form with an ISO 4217 currency code. Never negative.
/// </summary>
public readonly record struct Money
{
    [JsonConstructor]
    public Money(decimal amount, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("A currency is a three-letter upper-case ISO 4217 code.", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    public decimal Amount { get; }

    public string Currency { get; }

    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";
}
