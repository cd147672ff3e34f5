using Microsoft.Extensions.Options;

namespace TicketCluster.Grains.Hosting;

/// <summary>How many reminder ticks a silo delivers at once (<see cref="ReminderDeliveryGate"/>).</summary>
public sealed class ReminderDeliveryOptions
{
    /// <summary>The most <c>IRemindable.ReceiveReminder</c> calls a silo has in flight; the rest wait for a
    /// slot before they are sent. 0 sends every tick at once. Default 256.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 256;
}

/// <summary>
/// Bounds the reminder ticks a silo's reminder service has in flight. Orleans' reminder service starts every
/// due tick at once: after an outage, or when a node takes over a dead node's range, that is one grain call per
/// due reminder at the same instant, each activating its grain (a state read) and writing. Unbounded, the
/// activations pile up faster than the database answers them, their memory grows with the backlog and the
/// drain slows as it grows. This outgoing call filter (an Orleans extension point: the reminder service calls
/// grains through the silo's grain references) lets a bounded number of <c>ReceiveReminder</c> calls out and
/// queues the rest in due order; a queued tick is late by its wait, as it would be in any drain.
/// </summary>
internal sealed class ReminderDeliveryGate : IOutgoingGrainCallFilter, IDisposable
{
    private readonly SemaphoreSlim? _slots;

    public ReminderDeliveryGate(IOptions<ReminderDeliveryOptions> options)
    {
        var limit = options.Value.MaxConcurrentDeliveries;
        ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(ReminderDeliveryOptions.MaxConcurrentDeliveries));
        _slots = limit == 0 ? null : new SemaphoreSlim(limit, limit);
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_slots is null || !IsReminderTick(context))
        {
            await context.Invoke();
            return;
        }

        await _slots.WaitAsync();
        try
        {
            await context.Invoke();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots?.Dispose();

    private static bool IsReminderTick(IOutgoingGrainCallContext context) =>
        context.InterfaceMethod is { Name: nameof(IRemindable.ReceiveReminder) } method && method.DeclaringType == typeof(IRemindable);
}
