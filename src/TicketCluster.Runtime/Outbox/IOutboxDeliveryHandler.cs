using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Outbox;

/// <summary>
/// Delivers outbox messages addressed to targets that are not grains of this runtime (for example
/// webhook subscriptions, target type <c>webhook</c>). Delivery is at least once: a batch whose
/// delivery throws, or whose node dies, is delivered again after its lease, so the handler (or its
/// receiver) must skip event ids it has seen.
/// </summary>
public interface IOutboxDeliveryHandler
{
    /// <summary>The <see cref="GrainId.Type"/> of the targets this handler delivers to.</summary>
    string TargetType { get; }

    /// <summary>Delivers a batch to one target, oldest first; returns normally only when every message
    /// of the batch was accepted.</summary>
    Task DeliverAsync(GrainId target, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken);
}
