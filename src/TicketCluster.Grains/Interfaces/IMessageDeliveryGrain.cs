using Orleans.Concurrency;
using System.Collections.Immutable;
using TicketCluster.Domain.Messages;

namespace TicketCluster.Grains.Interfaces;

/// <summary>The sender of one ticket's messages to its customer (key: the ticket id): sends them one at a
/// time, in order, and reports each attempt to the ticket, which keeps their delivery state.</summary>
[Alias("tc.IMessageDeliveryGrain")]
public interface IMessageDeliveryGrain : IGrainWithStringKey
{
    /// <summary>Queues <paramref name="messages"/> (in memory; one already queued is not queued twice) and returns.</summary>
    [Alias("enqueue"), AlwaysInterleave]
    Task EnqueueAsync(ImmutableArray<OutboundMessage> messages);
}
