using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;

namespace TicketCluster.Runtime;

/// <summary>
/// The activation catalog: routing calls to activations, idle deactivation and the bounded cache.
/// One lock guards the catalog. Routing counts a call as pending on its activation under that lock,
/// and deactivation removes only an activation with nothing pending under the same lock, so a call
/// never lands on an activation that is going away.
/// </summary>
public sealed partial class GrainRuntime
{
    /// <summary>A fixed per-activation overhead added to its state size in the memory estimate.</summary>
    internal const int ActivationOverheadBytes = 1024;

    private readonly Lock _catalogGate = new();
    private readonly Dictionary<GrainId, GrainActivation> _activations = [];
    private readonly Dictionary<GrainId, Task> _deactivating = [];
    private readonly LinkedList<GrainActivation> _idle = new(); // least recently used first
    private long _memoryBytes;
    private bool _refusing;

    /// <summary>The number of activations in the catalog.</summary>
    public int ActivationCount
    {
        get
        {
            lock (_catalogGate)
            {
                return _activations.Count;
            }
        }
    }

    /// <summary>Whether the grain has an activation on this node.</summary>
    public bool IsActive(GrainId grain)
    {
        lock (_catalogGate)
        {
            return _activations.ContainsKey(grain);
        }
    }

    internal Task<T> RouteAsync<T>(GrainId grain, Func<GrainActivation, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        GrainActivation activation;
        List<GrainActivation>? evicted = null;
        lock (_catalogGate)
        {
            if (_refusing)
            {
                return Task.FromException<T>(new InvalidOperationException($"Grain runtime {NodeId} is stopping and takes no new calls."));
            }

            if (!_activations.TryGetValue(grain, out activation!))
            {
                if (!_grains.Contains(grain.Type))
                {
                    return Task.FromException<T>(new InvalidOperationException($"No grain type '{grain.Type}' is registered on node {NodeId}."));
                }

                Grain instance;
                try
                {
                    instance = _grains.Create(grain.Type, _services);
                }
#pragma warning disable CA1031 // Handed to the caller as the call's outcome.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    return Task.FromException<T>(exception);
                }

                activation = new GrainActivation(this, grain, instance, _deactivating.GetValueOrDefault(grain));
                activation.AccountedBytes = ActivationOverheadBytes;
                _memoryBytes += ActivationOverheadBytes;
                _activations.Add(grain, activation);
                evicted = EvictIfNeeded(activation);
            }

            if (activation.Pending++ == 0 && activation.IdleNode is { } node)
            {
                _idle.Remove(node);
                activation.IdleNode = null;
            }

            activation.LastUsed = TimeProvider.GetUtcNow();
        }

        StartDeactivations(evicted, DeactivationReason.CacheEviction);
        return activation.EnqueueAsync(work, cancellationToken);
    }

    internal void OnTurnFinished(GrainActivation activation)
    {
        List<GrainActivation>? evicted = null;
        lock (_catalogGate)
        {
            activation.Pending--;
            activation.LastUsed = TimeProvider.GetUtcNow();
            long size = ActivationOverheadBytes + activation.Grain.StateSize;
            _memoryBytes += size - activation.AccountedBytes;
            activation.AccountedBytes = size;
            if (activation.Pending == 0 && !activation.Removed)
            {
                activation.IdleNode = _idle.AddLast(activation);
                activation.IdleTimer ??= TimeProvider.CreateTimer(OnIdleTimer, activation, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                activation.IdleTimer.Change(Options.IdleTimeout, Timeout.InfiniteTimeSpan);
                evicted = EvictIfNeeded(null);
            }
        }

        StartDeactivations(evicted, DeactivationReason.CacheEviction);
    }

    private void OnIdleTimer(object? state)
    {
        var activation = (GrainActivation)state!;
        lock (_catalogGate)
        {
            if (activation.Removed || activation.Pending > 0
                || TimeProvider.GetUtcNow() - activation.LastUsed < Options.IdleTimeout)
            {
                return;
            }

            Remove(activation);
        }

        StartDeactivations([activation], DeactivationReason.IdleTimeout);
    }

    /// <summary>Under the catalog lock: picks idle activations, least recently used first, until the
    /// catalog is within its count and memory bounds. Busy activations are never picked, so the
    /// catalog may stay above its bounds while everything in it is busy.</summary>
    private List<GrainActivation>? EvictIfNeeded(GrainActivation? keep)
    {
        List<GrainActivation>? victims = null;
        var node = _idle.First;
        while ((_activations.Count > Options.MaxActivations || _memoryBytes > Options.MaxActivationMemoryBytes) && node is not null)
        {
            var next = node.Next;
            if (node.Value != keep)
            {
                victims ??= [];
                victims.Add(node.Value);
                Remove(node.Value);
            }

            node = next;
        }

        return victims;
    }

    /// <summary>Under the catalog lock: takes an idle activation out of the catalog and records the
    /// pending deactivation, so a new activation of the same grain waits for it.</summary>
    private void Remove(GrainActivation activation)
    {
        System.Diagnostics.Debug.Assert(activation.Pending == 0, "Only an idle activation is removed.");
        activation.Removed = true;
        _activations.Remove(activation.Id);
        if (activation.IdleNode is { } node)
        {
            _idle.Remove(node);
            activation.IdleNode = null;
        }

        activation.IdleTimer?.Dispose();
        _memoryBytes -= activation.AccountedBytes;
        activation.AccountedBytes = 0;
        activation.Deactivation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _deactivating[activation.Id] = activation.Deactivation.Task;
    }

    private void StartDeactivations(List<GrainActivation>? activations, DeactivationReason reason)
    {
        if (activations is null)
        {
            return;
        }

        foreach (var activation in activations)
        {
            _ = DeactivateAsync(activation, reason, activation.Deactivation!);
        }
    }

    private async Task DeactivateAsync(GrainActivation activation, DeactivationReason reason, TaskCompletionSource done)
    {
        try
        {
            await activation.DeactivateAsync(reason, _stopping.Token);
        }
        finally
        {
            lock (_catalogGate)
            {
                if (_deactivating.TryGetValue(activation.Id, out var task) && task == done.Task)
                {
                    _deactivating.Remove(activation.Id);
                }
            }

            done.SetResult();
            Events.OnDeactivated(activation.Id, reason);
        }
    }

    /// <summary>Shutdown: refuses new calls, lets every activation finish its queue, then deactivates it
    /// as the last item of that queue.</summary>
    private async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        List<Task> work = [];
        lock (_catalogGate)
        {
            _refusing = true;
            foreach (var activation in _activations.Values.ToList())
            {
                activation.Pending++;
                if (activation.IdleNode is { } node)
                {
                    _idle.Remove(node);
                    activation.IdleNode = null;
                }

                activation.Removed = true;
                activation.IdleTimer?.Dispose();
                _activations.Remove(activation.Id);
                work.Add(activation.EnqueueAsync(
                    async (a, ct) =>
                    {
                        await a.DeactivateAsync(DeactivationReason.Shutdown, ct);
                        Events.OnDeactivated(a.Id, DeactivationReason.Shutdown);
                        return true;
                    },
                    cancellationToken));
            }

            work.AddRange(_deactivating.Values);
            _memoryBytes = 0;
        }

        await Task.WhenAll(work).WaitAsync(cancellationToken);
    }
}
