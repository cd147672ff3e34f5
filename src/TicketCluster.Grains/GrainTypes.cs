using TicketCluster.Runtime;

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

    public static GrainId TicketId(string ticketId) => new(Ticket, ticketId);

    public static GrainId CustomerId(string customerId) => new(Customer, customerId);

    public static GrainId MerchantId(string merchantId) => new(Merchant, merchantId);
}
