using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Silo.Api.Contracts;

/// <summary>
/// Checks an intake body field by field with the shared <see cref="FieldRules"/> and collects every
/// problem (field path → messages), so one 400 names all of them; turns a clean body into the domain's
/// <see cref="IntakeRequest"/>.
/// </summary>
public static class IntakeValidator
{
    /// <summary>Validates; on success <paramref name="request"/> is the intake of <paramref name="submitter"/>
    /// and the result is empty. <paramref name="now"/> bounds the purchase and delivery times.</summary>
    public static Dictionary<string, string[]> Validate(IntakeBody body, Actor actor, string submitter, DateTimeOffset now, out IntakeRequest? request)
    {
        ArgumentNullException.ThrowIfNull(body);
        var rules = new FieldRules();
        rules.Required(body.Channel, "channel");
        rules.Id(body.ExternalId, "externalId", required: false);
        rules.Message(body.Description, "description", required: true);

        CustomerInfo? customer = null;
        if (rules.Required(body.Customer, "customer") is { } c)
        {
            rules.Id(c.Id, "customer.id", required: true);
            rules.Name(c.Name, "customer.name", required: true);
            rules.Address(c.Address, "customer.address", required: false);
            rules.Phone(c.Phone, "customer.phone");
            rules.Email(c.Email, "customer.email");
            if (string.IsNullOrEmpty(c.Phone) && string.IsNullOrEmpty(c.Email))
            {
                rules.Add("customer", "needs a phone or an e-mail to reach the customer");
            }

            rules.Language(c.Language, "customer.language");
            rules.TimeZone(c.TimeZone, "customer.timeZone");
            customer = new CustomerInfo(c.Id ?? "", c.Name ?? "", c.Phone ?? "", c.Email ?? "", c.Address ?? "", c.Tier ?? CustomerTier.Regular)
            {
                Language = c.Language,
                TimeZone = c.TimeZone,
            };
        }

        var order = ValidateOrder(body.Order, now, rules);
        var evidence = rules.Evidence(body.Evidence, "evidence", required: false, e => new EvidenceView(e.Kind, e.Url, e.Sha256, e.Note));
        var incident = ValidateIncident(body, now, rules);
        if (!rules.Any && customer is not null && order is not null)
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
                evidence)
            {
                Incident = incident,
            };
            return [];
        }

        request = null;
        return rules.ToDictionary();
    }

    /// <summary>When, where and which order line; null when the body says none of it.</summary>
    private static IncidentFacts? ValidateIncident(IntakeBody body, DateTimeOffset now, FieldRules rules)
    {
        rules.PastTime(body.OccurredAt, "occurredAt", now, required: false);
        ServiceLocation? location = null;
        if (body.Location is { } l)
        {
            rules.Required(l.Kind, "location.kind");
            rules.Id(l.Id, "location.id", required: true);
            rules.Name(l.Name, "location.name", required: false);
            location = new ServiceLocation(l.Kind ?? default, l.Id ?? "", l.Name);
        }

        OrderLineRef? line = null;
        if (body.OrderLine is { } o)
        {
            rules.Id(o.LineId, "orderLine.lineId", required: false);
            rules.Id(o.Sku, "orderLine.sku", required: false);
            if (o.LineId is null && o.Sku is null)
            {
                rules.Add("orderLine", "must name a lineId, a sku or both");
            }

            line = new OrderLineRef(o.LineId, o.Sku);
        }

        return body.OccurredAt is null && location is null && line is null ? null : new IncidentFacts(body.OccurredAt, location, line);
    }

    private static OrderInfo? ValidateOrder(OrderBody? body, DateTimeOffset now, FieldRules rules)
    {
        if (rules.Required(body, "order") is not { } o)
        {
            return null;
        }

        rules.Id(o.Id, "order.id", required: true);
        rules.Id(o.MerchantId, "order.merchantId", required: true);
        rules.Id(o.Marketplace, "order.marketplace", required: false);
        if (o.ShipToCountry is not null && !CountryCode.IsWellFormed(o.ShipToCountry))
        {
            rules.Add("order.shipToCountry", "must be an ISO 3166-1 alpha-2 code in upper case, e.g. DE");
        }

        var currency = rules.Currency(o.Currency, "order.currency", required: true) ? o.Currency : null;
        rules.Amount(o.Amount, "order.amount", currency, required: true);
        rules.PastTime(o.PurchasedAt, "order.purchasedAt", now, required: true);
        rules.PastTime(o.DeliveredAt, "order.deliveredAt", now, required: false);
        if (o.DeliveredAt is { } delivered && o.PurchasedAt is { } purchased && delivered < purchased)
        {
            rules.Add("order.deliveredAt", "must not be before order.purchasedAt");
        }

        var items = ImmutableArray.CreateBuilder<OrderItem>();
        if (o.Items is { Count: > FieldRules.MaxItems })
        {
            rules.Add("order.items", $"must list at most {FieldRules.MaxItems} items");
        }
        else if (o.Items is not null)
        {
            for (var i = 0; i < o.Items.Count; i++)
            {
                var path = $"order.items[{i}]";
                if (rules.Required(o.Items[i], path) is not { } item)
                {
                    continue;
                }

                rules.Id(item.Sku, path + ".sku", required: true);
                rules.Name(item.Name, path + ".name", required: true);
                rules.Id(item.LineId, path + ".lineId", required: false);
                rules.Name(item.Spec, path + ".spec", required: false);
                rules.Count(item.Quantity, path + ".quantity", 1, FieldRules.MaxQuantity, required: true);
                if (rules.Amount(item.UnitPrice, path + ".unitPrice", currency, required: true) && currency is not null && item.Quantity is > 0)
                {
                    items.Add(new OrderItem(item.Sku ?? "", item.Name ?? "", item.Quantity.Value, new Money(item.UnitPrice!.Value, currency))
                    {
                        LineId = item.LineId,
                        Spec = item.Spec,
                    });
                }
            }
        }

        return rules.Any || currency is null || o.Amount is not { } amount || o.PurchasedAt is not { } purchasedAt
            ? null
            : new OrderInfo(o.Id!, o.MerchantId!, new Money(amount, currency), purchasedAt, o.DeliveredAt, items.ToImmutable()) { Marketplace = o.Marketplace, ShipToCountry = o.ShipToCountry };
    }
}
