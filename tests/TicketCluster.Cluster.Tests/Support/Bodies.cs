namespace TicketCluster.Cluster.Tests.Support;

internal static class Bodies
{
    public static object Complaint(string customerId, string orderId, string merchantId = "m-1") => new
    {
        channel = "app",
        customer = new { id = customerId, name = "Wang Fang", phone = "+86 139 0000 1111", email = "wang@example.com", address = "Shanghai", tier = "regular" },
        order = new { id = orderId, merchantId, amount = 88.00m, currency = "CNY", purchasedAt = "2026-11-01T08:00:00Z" },
        description = "The parcel arrived late and the box was dented.",
        category = "logistics",
    };

    /// <summary>A safety complaint, which the classifier makes urgent.</summary>
    public static object Urgent(string customerId, string orderId) => new
    {
        channel = "app",
        customer = new { id = customerId, name = "Wang Fang", phone = "+86 139 0000 1111", email = "wang@example.com", address = "Shanghai", tier = "regular" },
        order = new { id = orderId, merchantId = "m-1", amount = 88.00m, currency = "CNY", purchasedAt = "2026-11-01T08:00:00Z" },
        description = "The charger caught fire and burned my hand.",
    };
}
