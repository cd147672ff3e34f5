using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Grains.Messages;

/// <summary>
/// One ticket's messages to its customer (key: the ticket id): an in-memory queue sent one message at a time,
/// in order, through <see cref="IMessageSender"/>. Each attempt is reported to the ticket, which records it in
/// its state and answers whether to try again; a failure waits <see cref="CustomerMessaging.DelayAfter"/> the
/// attempts so far. Nothing durable here: the ticket committed each message before it was queued, and pushes
/// again on reactivation what it still owes, so a node dying mid-send loses nothing (the receiver drops a
/// repeat by the message id). A send cancelled or timed out (<see cref="OperationCanceledException"/>) has an
/// unknown fate and is not reported: the message stays owed and goes again when the ticket next pushes.
/// </summary>
[GrainType(GrainTypes.MessageDelivery)]
public sealed class MessageDeliveryGrain(IMessageSender sender, ILogger<MessageDeliveryGrain> logger) : Grain, IMessageDeliveryGrain
{
    private readonly List<OutboundMessage> _queue = [];
    private DrainTimer? _timer;

    private CustomerMessaging Messaging => ServiceProvider.GetService<CustomerMessaging>() ?? CustomerMessaging.None;

    public Task EnqueueAsync(ImmutableArray<OutboundMessage> messages)
    {
        foreach (var message in messages.Where(m => !_queue.Exists(q => q.Id == m.Id)))
        {
            _queue.Add(message);
        }

        Schedule(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    private void Schedule(TimeSpan delay) => (_timer ??= new DrainTimer(this, SendQueuedAsync)).Schedule(delay, _queue.Count > 0);

    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        var ticket = GrainFactory.GetGrain<ITicketGrain>(this.GetPrimaryKeyString());
        while (_queue.Count > 0)
        {
            var message = _queue[0];
            string? error = null;
            Exception? failure = null;
            try
            {
                await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                (failure, error) = (e, $"{e.GetType().Name}: {e.Message}");
            }

            var recorded = await ticket.ReportMessageAttemptAsync(message.Id, error);
            if (failure is null || recorded is not { Status: MessageDeliveryStatus.Retrying })
            {
                _queue.RemoveAt(0);
                continue;
            }

            var delay = Messaging.DelayAfter(recorded.Attempts);
            GrainsLog.MessageSendFailed(logger, message.Id, recorded.Attempts, "retrying", delay, failure);
            Schedule(delay);
            return;
        }
    }
}
