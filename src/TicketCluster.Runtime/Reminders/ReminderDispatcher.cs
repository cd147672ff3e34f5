using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Diagnostics;

namespace TicketCluster.Runtime.Reminders;

/// <summary>
/// Fires this node's share of due reminders. Each round claims up to a batch of due reminders for this
/// node (owner = node id) under a lease, fires each as an ordinary turn of its grain, and lets the turn's
/// write complete it with its fencing number. Between rounds it sleeps until the earliest due reminder,
/// at most <c>MaxPollInterval</c> (other nodes register reminders it does not hear of), or until a
/// local registration due sooner wakes it. Nothing renews a lease: it must outlast a turn.
/// </summary>
internal sealed class ReminderDispatcher(GrainRuntime runtime)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _sleepingUntil = DateTimeOffset.MaxValue;

    /// <summary>A reminder due at <paramref name="dueAt"/> was registered on this node: wakes the loop
    /// if it sleeps past that time.</summary>
    public void Wake(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (dueAt < _sleepingUntil)
            {
                _sleepingUntil = DateTimeOffset.MinValue;
                _wake.TrySetResult();
            }
        }
    }

    /// <summary>One round: claims due reminders, loads the states of their grains that are not active
    /// here in one read (rather than one read per activation), and fires them concurrently (turns of one
    /// grain still run one at a time). Returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (claimed, firing) = await ClaimAndStartAsync(cancellationToken);
        await firing;
        return claimed;
    }

    /// <summary>Claims a batch and loads its grains; returns the count and the task of its firing.</summary>
    private async Task<(int Claimed, Task Firing)> ClaimAndStartAsync(CancellationToken cancellationToken)
    {
        var options = runtime.Options.Reminders;
        var claims = await runtime.Storage.ClaimDueRemindersAsync(runtime.NodeId, options.ClaimBatchSize, options.Lease, cancellationToken);
        runtime.Metrics.RemindersClaimed(claims.Count);
        if (claims.Count == 0)
        {
            return (0, Task.CompletedTask);
        }

        var inactive = claims.Select(c => c.Grain).Where(g => !runtime.IsActive(g)).ToHashSet();
        var states = await runtime.Storage.ReadStatesAsync(inactive, cancellationToken);
        var firing = Task.WhenAll(claims.Select(c => runtime.FireReminderAsync(
            c,
            inactive.Contains(c.Grain) ? new KnownState(states.GetValueOrDefault(c.Grain)) : null)));
        return (claims.Count, firing);
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var options = runtime.Options.Reminders;

        // Full rounds whose turns are still firing; FireReminderAsync never throws, so neither do these.
        var inFlight = new Queue<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Task wake = ArmWake();
                int claimed = 0;
                TimeSpan sleep = options.MaxPollInterval;
                try
                {
                    if (inFlight.Count >= options.MaxRoundsInFlight)
                    {
                        await inFlight.Dequeue();
                    }

                    (claimed, var firing) = await ClaimAndStartAsync(stopping);
                    if (claimed == options.ClaimBatchSize)
                    {
                        inFlight.Enqueue(firing);
                        continue; // more may be due right now: claim the next batch while this one fires
                    }

                    // A partial round ends the burst: let everything fired finish before sleeping, so a
                    // completed round means its turns are done.
                    inFlight.Enqueue(firing);
                    while (inFlight.Count > 0)
                    {
                        await inFlight.Dequeue();
                    }

                    var next = await runtime.Storage.NextReminderDueAsync(stopping);
                    if (next is { } due)
                    {
                        var untilDue = due - runtime.TimeProvider.GetUtcNow();
                        sleep = untilDue < sleep ? untilDue : sleep;
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Logged; the loop must outlive a database outage.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    RuntimeLog.ReminderRoundFailed(runtime.Logger, exception);
                }

                if (sleep <= TimeSpan.Zero && claimed > 0)
                {
                    continue;
                }

                // A reminder due now but not claimed was registered after the claim: run again at once. The
                // smallest sleep keeps a storage whose claims lag its "next due" from spinning.
                sleep = sleep <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : sleep;
                await SleepAsync(sleep, wake, claimed, stopping);
            }
        }
        finally
        {
            // Stopping: the turns already firing finish (their completions still count).
            await Task.WhenAll(inFlight);
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

            _sleepingUntil = DateTimeOffset.MaxValue;
            return _wake.Task;
        }
    }

    private async Task SleepAsync(TimeSpan sleep, Task wake, int claimed, CancellationToken stopping)
    {
        using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (_gate)
        {
            var until = runtime.TimeProvider.GetUtcNow() + sleep;
            _sleepingUntil = wake.IsCompleted ? DateTimeOffset.MinValue : until;
        }

        // The timer exists before the round is reported, so a test that advances its clock after the
        // report always reaches it.
        var delay = Task.Delay(sleep, runtime.TimeProvider, cancelDelay.Token);
        runtime.Events.OnReminderRoundCompleted(claimed);
        await Task.WhenAny(delay, wake);
        await cancelDelay.CancelAsync();
    }
}
