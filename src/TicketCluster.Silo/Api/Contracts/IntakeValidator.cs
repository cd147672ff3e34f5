using System.Collections.Immutable;
using System.Text.RegularExpressions;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>
/// Checks an intake body field by field and collects every problem (field path → messages), so one 400
/// names all of them; turns a clean body into the domain's <see cref="IntakeRequest"/>.
/// </summary>
public static partial class IntakeValidator
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxDescriptionLength = 8_000;
    public const int MaxNoteLength = 2_000;
    public const int MaxUrlLength = 2_048;
    public const int MaxItems = 100;
    public const int MaxEvidence = 20;

    /// <summary>Validates; on success <paramref name="request"/> is the intake of <paramref name="submitter"/>
    /// and the result is empty.</summary>
    public static Dictionary<string, string[]> Validate(IntakeBody body, Actor actor, string submitter, out IntakeRequest? request)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Errors();
        errors.Required(body.Channel, "channel");
        errors.Text(body.ExternalId, "externalId", MaxIdLength, required: false);
        errors.Text(body.Description, "description", MaxDescriptionLength, required: true);

        CustomerInfo? customer = null;
        if (errors.Required(body.Customer, "customer") is { } c)
        {
            errors.Text(c.Id, "customer.id", MaxIdLength, required: true);
            errors.Text(c.Name, "customer.name", MaxNameLength, required: true);
            errors.Text(c.Address, "customer.address", MaxAddressLength, required: false);
            if (c.Phone is not null && !PhonePattern().IsMatch(c.Phone))
            {
                errors.Add("customer.phone", "must be a phone number: an optional +, then 6 to 15 digits, spaces or dashes between them");
            }

            if (c.Email is not null && (c.Email.Length > 254 || !EmailPattern().IsMatch(c.Email)))
            {
                errors.Add("customer.email", "must be an e-mail address such as name@example.com");
            }

            if (string.IsNullOrEmpty(c.Phone) && string.IsNullOrEmpty(c.Email))
            {
                errors.Add("customer", "needs a phone or an e-mail to reach the customer");
            }

            customer = new CustomerInfo(c.Id ?? "", c.Name ?? "", c.Phone ?? "", c.Email ?? "", c.Address ?? "", c.Tier ?? CustomerTier.Regular);
        }

        var order = ValidateOrder(body.Order, errors);
        var evidence = ValidateEvidence(body.Evidence, "evidence", errors);
        if (!errors.Any && customer is not null && order is not null)
        {
            request = new IntakeRequest(
                submitter,
                body.Customer!.Tier,
                actor,
                body.Channel!.Value,
                string.IsNullOrEmpty(body.ExternalId) ? null : body.ExternalId,
                customer,
                order,
                body.Category,
                body.Severity,
                body.RequestedOutcome ?? RequestedOutcome.Explanation,
                body.Description!,
                evidence);
            return [];
        }

        request = null;
        return errors.ToDictionary();
    }

    /// <summary>Checks a list of evidence references; returns the domain items (empty when absent).</summary>
    public static ImmutableArray<EvidenceItem> ValidateEvidence(IReadOnlyList<EvidenceBody?>? items, string field, Errors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (items is null)
        {
            return [];
        }

        if (items.Count > MaxEvidence)
        {
            errors.Add(field, $"must list at most {MaxEvidence} items");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<EvidenceItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{field}[{i}]";
            if (errors.Required(items[i], path) is not { } item)
            {
                continue;
            }

            errors.Required(item.Kind, path + ".kind");
            if (errors.Text(item.Url, path + ".url", MaxUrlLength, required: true)
                && (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
            {
                errors.Add(path + ".url", "must be an absolute http(s) URL");
            }

            if (item.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                errors.Add(path + ".sha256", "must be 64 hexadecimal digits");
            }

            errors.Text(item.Note, path + ".note", MaxNoteLength, required: false);
            result.Add(new EvidenceItem(item.Kind ?? EvidenceKind.Other, item.Url ?? "", item.Sha256 ?? "", item.Note));
        }

        return result.ToImmutable();
    }

    private static OrderInfo? ValidateOrder(OrderBody? body, Errors errors)
    {
        if (errors.Required(body, "order") is not { } o)
        {
            return null;
        }

        errors.Text(o.Id, "order.id", MaxIdLength, required: true);
        errors.Text(o.MerchantId, "order.merchantId", MaxIdLength, required: true);
        var currencyKnown = false;
        if (errors.Required(o.Currency, "order.currency") is { } currency)
        {
            currencyKnown = Currencies.IsKnown(currency);
            if (!currencyKnown)
            {
                errors.Add("order.currency", $"'{Truncate(currency)}' is not an ISO 4217 currency code (upper case, e.g. CNY)");
            }
        }

        errors.Amount(o.Amount, "order.amount", currencyKnown ? o.Currency : null, required: true);
        errors.Required(o.PurchasedAt, "order.purchasedAt");
        if (o.DeliveredAt is { } delivered && o.PurchasedAt is { } purchased && delivered < purchased)
        {
            errors.Add("order.deliveredAt", "must not be before order.purchasedAt");
        }

        var items = ImmutableArray.CreateBuilder<OrderItem>();
        if (o.Items is { Count: > MaxItems })
        {
            errors.Add("order.items", $"must list at most {MaxItems} items");
        }
        else if (o.Items is not null)
        {
            for (var i = 0; i < o.Items.Count; i++)
            {
                var path = $"order.items[{i}]";
                if (errors.Required(o.Items[i], path) is not { } item)
                {
                    continue;
                }

                errors.Text(item.Sku, path + ".sku", MaxIdLength, required: true);
                errors.Text(item.Name, path + ".name", MaxNameLength, required: true);
                if (errors.Required(item.Quantity, path + ".quantity") is { } quantity && quantity is < 1 or > 10_000)
                {
                    errors.Add(path + ".quantity", "must lie between 1 and 10000");
                }

                errors.Amount(item.UnitPrice, path + ".unitPrice", currencyKnown ? o.Currency : null, required: true);
                if (currencyKnown && item.UnitPrice is >= 0 && item.Quantity is > 0)
                {
                    items.Add(new OrderItem(item.Sku ?? "", item.Name ?? "", item.Quantity.Value, new Money(item.UnitPrice.Value, o.Currency!)));
                }
            }
        }

        return errors.Any || o.Amount is not { } amount || o.PurchasedAt is not { } purchasedAt
            ? null
            : new OrderInfo(o.Id!, o.MerchantId!, new Money(amount, o.Currency!), purchasedAt, o.DeliveredAt, items.ToImmutable());
    }

    private static string Truncate(string value) => value.Length <= 16 ? value : value[..16] + "…";

    [GeneratedRegex(@"^\+?[0-9](?:[ \-]?[0-9]){5,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s""<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();

    /// <summary>Collected validation problems, by field path.</summary>
    public sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public bool Any => _byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages))
            {
                _byField[field] = messages = [];
            }

            messages.Add(message);
        }

        public T? Required<T>(T? value, string field)
            where T : class
        {
            if (value is null)
            {
                Add(field, "is required");
            }

            return value;
        }

        public T? Required<T>(T? value, string field)
            where T : struct
        {
            if (value is null)
            {
                Add(field, "is required");
            }

            return value;
        }

        /// <summary>True when the text is present and within bounds.</summary>
        public bool Text(string? value, string field, int maxLength, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Add(field, "must not be empty");
                }

                return false;
            }

            if (value.Length > maxLength)
            {
                Add(field, $"must be at most {maxLength} characters");
                return false;
            }

            return true;
        }

        /// <summary>A non-negative amount with no more decimals than <paramref name="currency"/> has.</summary>
        public void Amount(decimal? value, string field, string? currency, bool required)
        {
            if (value is not { } amount)
            {
                if (required)
                {
                    Add(field, "is required");
                }

                return;
            }

            if (amount < 0)
            {
                Add(field, "must not be negative");
            }
            else if (amount > 1_000_000_000_000m)
            {
                Add(field, "must be at most 1000000000000");
            }
            else if (currency is not null && amount.Scale > Currencies.MinorDigits(currency) && decimal.Round(amount, Currencies.MinorDigits(currency)) != amount)
            {
                Add(field, $"must have at most {Currencies.MinorDigits(currency)} decimal places in {currency}");
            }
        }

        public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }
}
