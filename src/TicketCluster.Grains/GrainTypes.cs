using TicketCluster.Runtime;
using GrainId = TicketCluster.Runtime.GrainId;

namespace TicketCluster.Grains;

/// <summary>
/// The stable type names of the product's grains. They are stored in every grain id, reminder and outbox
/// row, so they never change once data exists.
/// </summary>
public static class GrainTypes
{
    public const string Ticket = "ticket";
    public const string Customer = "customer";
    public const string Merchant = "merchant";

    /// <summary>One webhook subscription's feed of one ticket, on Orleans (key <c>{subscriptionId}/{ticketId}</c>).</summary>
    public const string WebhookFeed = "webhook-feed";

    /// <summary>The sender of one ticket's messages to its customer, on Orleans (key: the ticket id).</summary>
    public const string MessageDelivery = "message-delivery";

    /// <summary>The name of the grain storage provider every grain state on Orleans is kept by
    /// (<c>[PersistentState(stateName, StorageName)]</c>); the state names are the grain types.</summary>
    public const string StorageName = "ticketcluster";

    /// <summary>The target type of a ticket's events for one webhook subscription: not a grain, but
    /// delivered by the host's outbox delivery handler for this type.</summary>
    public const string Webhook = "webhook";

    public static GrainId TicketId(string ticketId) => new(Ticket, ticketId);

    public static GrainId CustomerId(string customerId) => new(Customer, customerId);

    public static GrainId MerchantId(string merchantId) => new(Merchant, merchantId);

    /// <summary>One subscription's feed of one ticket, <c>webhook/{subscriptionId}/{ticketId}</c>: the unit in
    /// which the outbox keeps events in order.</summary>
    public static GrainId WebhookId(string subscriptionId, string ticketId) => new(Webhook, subscriptionId + "/" + ticketId);

    /// <summary>The key of a <see cref="WebhookFeed"/> grain: <c>{subscriptionId}/{ticketId}</c>.</summary>
    public static string WebhookFeedKey(string subscriptionId, string ticketId) => subscriptionId + "/" + ticketId;

    /// <summary>The subscription and ticket of a <see cref="WebhookId"/>, or false for another id.</summary>
    public static bool TryParseWebhookId(GrainId id, out string subscriptionId, out string ticketId)
    {
        int slash = id.Key.IndexOf('/', StringComparison.Ordinal);
        if (id.Type != Webhook || slash <= 0 || slash == id.Key.Length - 1)
        {
            subscriptionId = "";
            ticketId = "";
            return false;
        }

        subscriptionId = id.Key[..slash];
        ticketId = id.Key[(slash + 1)..];
        return true;
    }
}
