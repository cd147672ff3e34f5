using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Outbox;

/// <summary>
/// Moves committed outbox messages to their targets. Each round claims a batch under a lease, groups it
/// by target, and delivers each group as one turn of the target grain (a hot merchant applies many
/// events with one state write) or through the delivery handler of the target's type; then completes
/// the delivered messages with their fencing numbers. A failed delivery is retried after the lease.
/// </summary>
internal sealed class OutboxRelay
{
    private readonly GrainRuntime _runtime;
    private readonly Dictionary<string, IOutboxDeliveryHandler> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OutboxRelay(GrainRuntime runtime, IEnumerable<IOutboxDeliveryHandler> handlers)
    {
        _runtime = runtime;
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.TargetType, handler))
            {
                throw new InvalidOperationException($"Two outbox delivery handlers for target type '{handler.TargetType}'.");
            }
        }
    }

    /// <summary>A local turn committed outbox messages.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            _wake.TrySetResult();
        }
    }

    /// <summary>One round; returns how many messages were claimed. <paramref name="cancellationToken"/>
    /// cancels the claim only: messages once claimed are delivered even if the node begins to stop
    /// meanwhile, since a delivery cut short would leave them leased to a node that is going away until
    /// the lease runs out. <see cref="GrainRuntime.StopAsync"/> bounds how long it waits for them and cuts
    /// short what is still in flight past that.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var options = _runtime.Options.Outbox;
        var claims = await _runtime.Storage.ClaimOutboxAsync(_runtime.NodeId, options.ClaimBatchSize, options.Lease, cancellationToken);
        if (claims.Count > 0)
        {
            var groups = claims.GroupBy(c => c.Message.Target).Select(g => g.OrderBy(c => c.Sequence).ToList());
            await Task.WhenAll(groups.Select(g => DeliverAsync(g, _runtime.AbandonToken)));
        }

        return claims.Count;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var options = _runtime.Options.Outbox;
        while (!stopping.IsCancellationRequested)
        {
            Task wake = ArmWake();
            int claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Logged; the loop must outlive a database outage.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                RuntimeLog.OutboxRoundFailed(_runtime.Logger, exception);
            }

            if (claimed == options.ClaimBatchSize)
            {
                continue;
            }

            using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var delay = Task.Delay(options.PollInterval, _runtime.TimeProvider, cancelDelay.Token);
            _runtime.Events.OnOutboxRoundCompleted(claimed);
            await Task.WhenAny(delay, wake);
            await cancelDelay.CancelAsync();
        }
    }

    private Task ArmWake()
    {
        lock (_gate)
        {
            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _wake.Task;
        }
    }

    private async Task DeliverAsync(List<ClaimedOutboxMessage> group, CancellationToken cancellationToken)
    {
        var target = group[0].Message.Target;
        var messages = group.ConvertAll(c => c.Message);
        using var activity = RuntimeTelemetry.ActivitySource.StartActivity("outbox delivery");
        activity?.SetTag("target", target.ToString());
        activity?.SetTag("messages", messages.Count);
        try
        {
            int applied;
            if (_handlers.TryGetValue(target.Type, out var handler))
            {
                await handler.DeliverAsync(target, messages, cancellationToken);
                applied = messages.Count;
            }
            else if (_runtime.HasGrainType(target.Type))
            {
                applied = await _runtime.DeliverEventsAsync(target, messages, cancellationToken);
            }
            else
            {
                // Left claimed: another node with a receiver for this type delivers it after the lease.
                RuntimeLog.OutboxNoReceiver(_runtime.Logger, target.Type, messages.Count);
                _runtime.Events.OnOutboxDelivered(new OutboxDelivered(target, messages.Count, 0, false));
                return;
            }

            await _runtime.Storage.CompleteOutboxAsync(group.ConvertAll(c => new OutboxCompletion(c.Sequence, c.Fence)), cancellationToken);
            _runtime.Metrics.OutboxDelivered(messages.Count);
            _runtime.Events.OnOutboxDelivered(new OutboxDelivered(target, messages.Count, applied, true));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Not swallowed: logged, counted, and delivered again after the lease.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _runtime.Metrics.OutboxFailed(messages.Count);
            RuntimeLog.OutboxDeliveryFailed(_runtime.Logger, target, messages.Count, exception);
            _runtime.Events.OnOutboxDelivered(new OutboxDelivered(target, messages.Count, 0, false));
        }
    }
}
