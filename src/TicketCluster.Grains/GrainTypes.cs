namespace TicketCluster.Grains;

/// <summary>
/// The stable type names of the product's grains. They are stored in every grain state row, reminder row
/// and intake key's owner, so they never change once data exists.
/// </summary>
public static class GrainTypes
{
    public const string Ticket = "ticket";
    public const string Customer = "customer";
    public const string Merchant = "merchant";

    /// <summary>One part of a merchant's scorecard: the facts of the merchant's tickets whose ids fall in
    /// the part (key <c>{merchantId}/{part}</c>; <see cref="Merchants.MerchantParts"/>).</summary>
    public const string MerchantPart = "merchant-part";

    /// <summary>One webhook subscription's feed of one ticket (key <c>{subscriptionId}/{ticketId}</c>).</summary>
    public const string WebhookFeed = "webhook-feed";

    /// <summary>The sender of one ticket's messages to its customer (key: the ticket id).</summary>
    public const string MessageDelivery = "message-delivery";

    /// <summary>The name of the grain storage provider every grain state is kept by
    /// (<c>[PersistentState(stateName, StorageName)]</c>); the state names are the grain types.</summary>
    public const string StorageName = "ticketcluster";

    /// <summary>The key of a <see cref="WebhookFeed"/> grain: <c>{subscriptionId}/{ticketId}</c>.</summary>
    public static string WebhookFeedKey(string subscriptionId, string ticketId) => subscriptionId + "/" + ticketId;
}
