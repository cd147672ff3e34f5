namespace TicketCluster.Silo.Tests.Support;

/// <summary>Intake bodies as a gateway sends them (anonymous objects, so tests can also send them wrong).</summary>
public static class Intakes
{
    public static Dictionary<string, object?> Complaint(
        string customerId = "c-1",
        string merchantId = "m-1",
        string orderId = "o-1",
        string description = "The kettle arrived with a cracked lid.",
        string channel = "web-form",
        string? externalId = null,
        string? category = null,
        string? severity = null,
        decimal amount = 199.00m,
        string currency = "CNY",
        string? tier = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["channel"] = channel,
            ["customer"] = new Dictionary<string, object?>
            {
                ["id"] = customerId,
                ["name"] = "Li Lei",
                ["phone"] = "+86 138 0013 8000",
                ["email"] = "li.lei@example.com",
                ["address"] = "1 Chang'an Avenue, Beijing",
            },
            ["order"] = new Dictionary<string, object?>
            {
                ["id"] = orderId,
                ["merchantId"] = merchantId,
                ["amount"] = amount,
                ["currency"] = currency,
                ["purchasedAt"] = "2026-11-01T08:00:00Z",
                ["deliveredAt"] = "2026-11-03T08:00:00Z",
                ["items"] = new[] { new Dictionary<string, object?> { ["sku"] = "K-1", ["name"] = "Kettle", ["quantity"] = 1, ["unitPrice"] = amount } },
            },
            ["description"] = description,
        };
        if (externalId is not null)
        {
            body["externalId"] = externalId;
        }

        if (category is not null)
        {
            body["category"] = category;
        }

        if (severity is not null)
        {
            body["severity"] = severity;
        }

        if (tier is not null)
        {
            ((Dictionary<string, object?>)body["customer"]!)["tier"] = tier;
        }

        return body;
    }
}
