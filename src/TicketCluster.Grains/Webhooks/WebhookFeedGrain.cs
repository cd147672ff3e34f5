using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Diagnostics;
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
    private IGrainTimer? _timer;
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

    private void Schedule(TimeSpan delay)
    {
        if (_timer is not null || _queue.Count == 0)
        {
            return;
        }

        _timer = this.RegisterGrainTimer(
            SendAsync,
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    /// <remarks>The timer is disposed only when the sends are done: disposing a grain timer cancels the token
    /// its callback was given, which would abandon the send in flight. A deactivation cancels it too, and the
    /// ticket pushes the unacknowledged events again.</remarks>
    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var fired = _timer;
        _timer = null;
        try
        {
            await SendQueuedAsync(cancellationToken);
        }
        finally
        {
            fired?.Dispose();
        }
    }

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
