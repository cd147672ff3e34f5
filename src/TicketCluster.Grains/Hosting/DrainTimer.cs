using Microsoft.Extensions.DependencyInjection;

namespace TicketCluster.Grains.Hosting;

/// <summary>
/// A one-shot grain timer that drains an in-memory queue, at most one scheduled at a time (the webhook feed's
/// and the message delivery's). The timer is disposed only when the drain is done: disposing a grain timer
/// cancels the token its callback was given, which would abandon the send in flight. A stopping silo cancels
/// it too (<see cref="SiloStopping"/>): the deactivation that follows waits for the drain, and a grain timer's
/// own token is cancelled only after it. The ticket then pushes again what it still owes.
/// </summary>
internal sealed class DrainTimer(Grain grain, Func<CancellationToken, Task> drain)
{
    private IGrainTimer? _timer;

    /// <summary>Schedules a drain after <paramref name="delay"/> when <paramref name="pending"/> and none is scheduled.</summary>
    public void Schedule(TimeSpan delay, bool pending)
    {
        if (_timer is not null || !pending)
        {
            return;
        }

        _timer = grain.RegisterGrainTimer(
            RunAsync,
            new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = false });
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var fired = _timer;
        _timer = null;
        var stopping = grain.GrainContext.ActivationServices.GetService<SiloStopping>()?.Token ?? CancellationToken.None;
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await drain(cancelled.Token);
        }
        finally
        {
            fired?.Dispose();
        }
    }
}
