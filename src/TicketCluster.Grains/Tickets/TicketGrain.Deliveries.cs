using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Persistence;

namespace TicketCluster.Grains.Tickets;

/// <summary>
/// The ticket's state as its outbox (<see cref="TicketDeliveries"/>): after a commit, what the ticket owes
/// is pushed in its own turn, oldest first, the next batch to a receiver only after the previous one was
/// acknowledged. A failed push is retried by a timer with backoff (1 s doubling to 1 min) while the
/// activation lives, on reactivation, and by the sweeper.
/// <para>
/// The customer's and merchant's acknowledgements are held in the activation's state and written with the
/// ticket's next write, or by a timer <see cref="TicketDeliveryOptions.AcknowledgementWriteDelay"/> later,
/// or when the activation is deactivated, whichever comes first: an open used to cost a whole write of the
/// ticket's state for them alone. Should the node die first, the reactivated ticket pushes those facts
/// again and the receivers drop them by their watermarks (<see cref="Parties.Watermarks"/>): nothing is
/// applied twice and nothing is lost, the push is only repeated.
/// </para>
/// </summary>
public sealed partial class TicketGrain
{
    private static readonly TimeSpan MaxPushDelay = TimeSpan.FromMinutes(1);

    private IGrainTimer? _pushTimer;

    /// <summary>The state holds acknowledgements the stored state does not have yet.</summary>
    private bool _acknowledgementsUnwritten;

    private IGrainTimer? _acknowledgementTimer;

    private TimeSpan AcknowledgementWriteDelay =>
        ServiceProvider.GetService<IOptions<TicketDeliveryOptions>>()?.Value.AcknowledgementWriteDelay ?? TicketDeliveryOptions.DefaultAcknowledgementWriteDelay;

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
                await (acknowledged.MerchantPart is { } part
                    ? GrainFactory.GetGrain<IMerchantPartGrain>(Merchants.MerchantParts.Key(ticket.Order.MerchantId, part)).ApplyFactsAsync(TicketId, merchantFacts)
                    : GrainFactory.GetGrain<IMerchantGrain>(ticket.Order.MerchantId).ApplyFactsAsync(TicketId, merchantFacts));
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
            await AcknowledgeAsync(acknowledged);
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

    /// <summary>Takes the receivers' acknowledgements into the state: written at once when the delay is
    /// zero, otherwise with the next write or by the timer.</summary>
    private async Task AcknowledgeAsync(TicketGrainState acknowledged)
    {
        var delay = AcknowledgementWriteDelay;
        if (delay <= TimeSpan.Zero)
        {
            await WriteTicketStateAsync(acknowledged);
            return;
        }

        state.State = acknowledged;
        _acknowledgementsUnwritten = true;
        _acknowledgementTimer ??= ScheduleAcknowledgementWrite(delay);
    }

    private IGrainTimer ScheduleAcknowledgementWrite(TimeSpan delay) =>
        this.RegisterGrainTimer(
            _ => WriteAcknowledgementsAsync(),
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false });

    /// <summary>Writes the acknowledgements held in the state, if no write carried them meanwhile. A write
    /// that meets another ETag reloads the state and pushes again (the receivers drop what they applied); any
    /// other failure keeps them and tries again after the delay.</summary>
    private async Task WriteAcknowledgementsAsync()
    {
        _acknowledgementTimer?.Dispose();
        _acknowledgementTimer = null;
        if (!_acknowledgementsUnwritten)
        {
            return;
        }

        try
        {
            await WriteTicketStateAsync(state.State);
        }
        catch (InconsistentStateException e)
        {
            // Another activation wrote the ticket: take its state, and push from there.
            GrainsLog.AcknowledgementWriteFailed(logger, TicketId, e);
            await state.ReadStateAsync();
            _acknowledgementsUnwritten = false;
            SchedulePush(TimeSpan.Zero);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store is unavailable: the acknowledgements stay in the state, for the next write or try.
            GrainsLog.AcknowledgementWriteFailed(logger, TicketId, e);
            _acknowledgementTimer = ScheduleAcknowledgementWrite(AcknowledgementWriteDelay);
        }
    }

    /// <summary>Sets <paramref name="next"/> and writes it (the whole state, so any acknowledgements held
    /// in it too); a failed write puts the state back.</summary>
    private async Task WriteTicketStateAsync(TicketGrainState next)
    {
        await state.WriteAsync(next);
        _acknowledgementsUnwritten = false;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_acknowledgementsUnwritten)
        {
            try
            {
                await WriteTicketStateAsync(state.State);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next activation pushes the facts again; the receivers drop them.
                GrainsLog.AcknowledgementWriteFailed(logger, TicketId, e);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<ImmutableList<OutboundMessage>> GetMessagesAsync() => Task.FromResult(state.State.Messages);

    public async Task<OutboundMessage?> ReportMessageAttemptAsync(string messageId, string? failure)
    {
        if (TicketDeliveries.MessageAttempted(state.State, messageId, failure, Now, Messaging.MaxAttempts) is not { } attempted)
        {
            return null;
        }

        await WriteTicketStateAsync(attempted);
        return state.State.Messages.Find(m => m.Id == messageId);
    }

    public async Task AcknowledgeWebhookAsync(string subscriptionId, long sequence)
    {
        if (TicketDeliveries.WebhookAcknowledged(state.State, subscriptionId, sequence) is { } acknowledged)
        {
            await WriteTicketStateAsync(acknowledged);
        }
    }
}

/// <summary>How a ticket writes what its receivers acknowledged.</summary>
public sealed class TicketDeliveryOptions
{
    public static readonly TimeSpan DefaultAcknowledgementWriteDelay = TimeSpan.FromSeconds(5);

    /// <summary>How long the customer's and merchant's acknowledgements may wait in the activation for the
    /// ticket's next write before a write of their own; zero writes them at once. Well under the sweeper's
    /// <see cref="TicketSweeperOptions.Grace"/>, so the sweeper does not take a ticket whose acknowledgements
    /// are only waiting for it. Default 5 s.</summary>
    public TimeSpan AcknowledgementWriteDelay { get; set; } = DefaultAcknowledgementWriteDelay;
}
