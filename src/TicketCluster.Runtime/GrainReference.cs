using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Grains;

namespace TicketCluster.Runtime;

/// <summary>
/// A reference to a virtual grain. Each call runs as one turn of the grain's activation (activated on
/// first use), after the calls that arrived before it and before those that arrive after it. The call
/// must be deterministic given the state, its captured input and the turn's time: on a version
/// conflict it runs again on the reloaded state.
/// </summary>
public sealed class GrainReference<TGrain>
    where TGrain : Grain
{
    private readonly GrainRuntime _runtime;

    internal GrainReference(GrainRuntime runtime, GrainId id)
    {
        _runtime = runtime;
        Id = id;
    }

    public GrainId Id { get; }

    /// <summary>Runs <paramref name="call"/> as a turn and returns its result. The token cancels the
    /// call only while it waits in the queue; a running turn finishes.</summary>
    public Task<TResult> InvokeAsync<TResult>(Func<TGrain, Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _runtime.RouteAsync(
            Id,
            (activation, ct) => activation.ExecuteTurnAsync((grain, _) => call((TGrain)grain), null, false, ct),
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="call"/> as a turn that first makes sure the activation holds the latest
    /// stored state (one read of the grain's row; reloaded only when another node wrote since). Use it
    /// for reads that must see every write acknowledged before them, on any node; writes need not, as a
    /// stale write meets a version conflict and runs again.
    /// </summary>
    public Task<TResult> ReadAsync<TResult>(Func<TGrain, Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _runtime.RouteAsync(
            Id,
            (activation, ct) => activation.ExecuteTurnAsync((grain, _) => call((TGrain)grain), null, false, ct, fresh: true),
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="call"/> as a turn of a grain the caller believes was never written (an id it
    /// has just drawn, such as a new ticket's), sparing the read that activation would otherwise make.
    /// If the grain exists after all, the turn's write meets a version conflict and the turn runs again
    /// on the stored state, so the belief costs nothing when wrong.
    /// </summary>
    public Task<TResult> InvokeAsNewAsync<TResult>(Func<TGrain, Task<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _runtime.RouteAsync(
            Id,
            (activation, ct) => activation.ExecuteTurnAsync((grain, _) => call((TGrain)grain), null, false, ct, known: new KnownState(null)),
            cancellationToken);
    }

    /// <summary>Runs <paramref name="call"/> as a turn.</summary>
    public Task InvokeAsync(Func<TGrain, Task> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return InvokeAsync(
            async grain =>
            {
                await call(grain);
                return true;
            },
            cancellationToken);
    }

    public override string ToString() => Id.ToString();
}
