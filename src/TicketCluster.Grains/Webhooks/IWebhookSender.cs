using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Webhooks;

/// <summary>Posts one ticket event to one webhook subscription; completes when the subscriber answered
/// 2xx and throws otherwise (the feed retries). The host implements it (HTTP, signatures, address policy).</summary>
public interface IWebhookSender
{
    Task SendAsync(string subscriptionId, TicketEvent ticketEvent, CancellationToken cancellationToken);
}
