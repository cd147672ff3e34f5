using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Persistence;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The ticket's state as its outbox (<see cref="TicketDeliveries"/>): after a commit, what the ticket owes
/// is pushed in its own turn, oldest first, the next batch to a receiver only after the previous one was
/// acknowledged; the customer's and merchant's acknowledgements are written in one state write. A failed
/// push is retried by a timer with backoff (1 s doubling to 1 min) while the activation lives, on
/// reactivation, and by the sweeper.
/// </summary>
public sealed partial class TicketGrain
{
    private static readonly TimeSpan MaxPushDelay = TimeSpan.FromMinutes(1);

    private IGrainTimer? _pushTimer;

    private CustomerMessaging Messaging => ServiceProvider.GetService<CustomerMessaging>() ?? CustomerMessaging.None;
    private int _pushFailures;

    private void SchedulePush(TimeSpan delay)
    {
        if (_pushTimer is not null || !TicketDeliveries.Owes(state.State))
        {
            return;
        }

        _pushTimer = this.RegisterGrainTimer(
            _ =>
            {
                _pushTimer?.Dispose();
                _pushTimer = null;
                return PushAsync();
            },
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    /// <summary>Pushes one batch to each receiver owed something and writes the acknowledgements.</summary>
    private async Task PushAsync()
    {
        if (state.State.Ticket is not { } ticket || !TicketDeliveries.Owes(state.State))
        {
            return;
        }

        var acknowledged = state.State;
        string? failed = null;
        Exception? failure = null;
        try
        {
            if (TicketDeliveries.CustomerBatch(acknowledged) is { IsEmpty: false } customerFacts)
            {
                failed = "customer";
                await GrainFactory.GetGrain<ICustomerGrain>(ticket.Customer.Id).ApplyFactsAsync(TicketId, customerFacts);
                acknowledged = TicketDeliveries.CustomerAcknowledged(acknowledged, customerFacts[^1].Sequence);
            }

            if (TicketDeliveries.MerchantBatch(acknowledged) is { IsEmpty: false } merchantFacts)
            {
                failed = "merchant";
                await GrainFactory.GetGrain<IMerchantGrain>(ticket.Order.MerchantId).ApplyFactsAsync(TicketId, merchantFacts);
                acknowledged = TicketDeliveries.MerchantAcknowledged(acknowledged, merchantFacts[^1].Sequence);
            }

            if (TicketDeliveries.MessagesOwed(acknowledged) is { IsEmpty: false } messages)
            {
                failed = "message-delivery";
                await GrainFactory.GetGrain<IMessageDeliveryGrain>(TicketId).EnqueueAsync(messages);
            }

            foreach (var subscription in TicketDeliveries.SubscriptionsOwed(acknowledged))
            {
                failed = "webhook-feed";
                var events = TicketDeliveries.WebhookBatch(acknowledged, subscription);
                await GrainFactory.GetGrain<IWebhookFeedGrain>(GrainTypes.WebhookFeedKey(subscription, TicketId))
                    .EnqueueAsync(events[0].Sequence - 1, events);
            }

            failed = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
        }

        if (!ReferenceEquals(acknowledged.PendingCustomerFacts, state.State.PendingCustomerFacts)
            || !ReferenceEquals(acknowledged.PendingMerchantFacts, state.State.PendingMerchantFacts))
        {
            await state.WriteAsync(acknowledged);
        }

        if (failure is not null)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(MaxPushDelay.TotalSeconds, Math.Pow(2, _pushFailures++)));
            GrainsLog.PushFailed(logger, TicketId, failed!, delay, failure);
            SchedulePush(delay);
            return;
        }

        _pushFailures = 0;
        if (!state.State.PendingCustomerFacts.IsEmpty || !state.State.PendingMerchantFacts.IsEmpty)
        {
            SchedulePush(TimeSpan.Zero);
        }
    }

    public Task<ImmutableList<OutboundMessage>> GetMessagesAsync() => Task.FromResult(state.State.Messages);

    public async Task<OutboundMessage?> ReportMessageAttemptAsync(string messageId, string? failure)
    {
        if (TicketDeliveries.MessageAttempted(state.State, messageId, failure, Now, Messaging.MaxAttempts) is not { } attempted)
        {
            return null;
        }

        await state.WriteAsync(attempted);
        return state.State.Messages.Find(m => m.Id == messageId);
    }

    public async Task AcknowledgeWebhookAsync(string subscriptionId, long sequence)
    {
        if (TicketDeliveries.WebhookAcknowledged(state.State, subscriptionId, sequence) is { } acknowledged)
        {
            await state.WriteAsync(acknowledged);
        }
    }
}
