using Orleans.Concurrency;
using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Grains.Interfaces;

/// <summary>One subscription's feed of one ticket (key: <c>{subscriptionId}/{ticketId}</c>): posts the
/// ticket's events one at a time, in order, and acknowledges each to the ticket.</summary>
[Alias("tc.IWebhookFeedGrain")]
public interface IWebhookFeedGrain : IGrainWithStringKey
{
    /// <summary>Queues <paramref name="events"/> (in memory) and returns; events at or below
    /// <paramref name="acknowledgedUpTo"/> or already sent are skipped.</summary>
    [Alias("enqueue"), AlwaysInterleave]
    Task EnqueueAsync(long acknowledgedUpTo, ImmutableArray<TicketEvent> events);
}
