using TicketCluster.Domain.Messages;

namespace TicketCluster.Grains.Messages;

/// <summary>Sends one message to the customer through the channel it names; completes when the channel
/// took it (a gateway's 2xx, the mail server's acceptance) and throws otherwise. The host implements it.
/// The message's id travels with it, so the receiver can drop a repeat.</summary>
public interface IMessageSender
{
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
