using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Grains.Webhooks;

/// <summary>
/// One subscription's feed of one ticket (key <c>{subscriptionId}/{ticketId}</c>): an in-memory queue
/// posted one event at a time, in sequence order, through <see cref="IWebhookSender"/>; each 2xx is
/// acknowledged to the ticket (one-way), which owes the events until then. Nothing durable: across a
/// reactivation the ticket pushes what it still owes, and the subscriber deduplicates by event id.
/// </summary>
[GrainType(GrainTypes.WebhookFeed)]
public sealed class WebhookFeedGrain(IWebhookSender sender, ILogger<WebhookFeedGrain> logger) : Grain, IWebhookFeedGrain
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    private readonly SortedDictionary<long, TicketEvent> _queue = [];
    private long _sentUpTo;
    private DrainTimer? _timer;
    private int _failures;

    public Task EnqueueAsync(long acknowledgedUpTo, ImmutableArray<TicketEvent> events)
    {
        _sentUpTo = Math.Max(_sentUpTo, acknowledgedUpTo);
        foreach (var e in events.Where(e => e.Sequence > _sentUpTo))
        {
            _queue.TryAdd(e.Sequence, e);
        }

        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan delay) => (_timer ??= new DrainTimer(this, SendQueuedAsync)).Schedule(delay, _queue.Count > 0);

    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (subscriptionId, ticketId) = (key[..slash], key[(slash + 1)..]);
        while (_queue.Count > 0)
        {
            var (sequence, e) = _queue.First();
            try
            {
                await sender.SendAsync(subscriptionId, e, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, _failures++)));
                GrainsLog.WebhookSendFailed(logger, key, sequence, delay, ex);
                Schedule(delay);
                return;
            }

            _failures = 0;
            _queue.Remove(sequence);
            _sentUpTo = sequence;
            await GrainFactory.GetGrain<ITicketGrain>(ticketId).AcknowledgeWebhookAsync(subscriptionId, sequence);
        }
    }
}
