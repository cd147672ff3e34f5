using System.Collections.Immutable;

namespace TicketCluster.Domain.Tickets;

/// <summary>Validation of command content. Each check returns the rejection, or null when the input is fine.</summary>
internal static class Rules
{
    public static ValidationFailed? Blank(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? new ValidationFailed(field, "must not be empty") : null;

    public static ValidationFailed? Fail(string field, string reason) => new(field, reason);

    /// <summary>JSON accepts enum numbers too; a number outside the enumeration is refused here.</summary>
    public static ValidationFailed? Defined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : new ValidationFailed(field, $"{value} is not a known {typeof(TEnum).Name}");

    public static ValidationFailed? Evidence(ImmutableArray<EvidenceItem> items, string field, bool required = false)
    {
        if (items.IsDefaultOrEmpty)
        {
            return required ? new ValidationFailed(field, "must list at least one item") : null;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item is null)
            {
                return new ValidationFailed($"{field}[{i}]", "must not be null");
            }

            if (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                return new ValidationFailed($"{field}[{i}].url", "must be an absolute http(s) URL");
            }

            if (item.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                return new ValidationFailed($"{field}[{i}].sha256", "must be 64 hexadecimal digits");
            }
        }

        return null;
    }

    public static ValidationFailed? Currency(Money amount, OrderInfo order, string field) =>
        amount.Currency == order.Amount.Currency
            ? null
            : new ValidationFailed(field, $"must be in the order's currency {order.Amount.Currency}, not {amount.Currency}");
}
