namespace TicketCluster.Grains.Hosting;

/// <summary>
/// Cancelled when the silo begins to stop, before it deactivates its grains (a stage above
/// <see cref="ServiceLifecycleStage.GrainDeactivation"/>). A deactivation waits for the request the activation
/// is running, and a grain timer's token is cancelled only once that request is done, so a send in flight
/// (a webhook POST waiting on a slow receiver) would otherwise hold the silo's stop until the host's shutdown
/// timeout. <see cref="DrainTimer"/> links its drains to this token.
/// </summary>
internal sealed class SiloStopping : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken Token => _stopping.Token;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStopping), ServiceLifecycleStage.BecomeActive, _ => Task.CompletedTask, StopAsync);

    public void Dispose() => _stopping.Dispose();

    private Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();
}
