using System.Collections.Concurrent;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>The sizes of the batches a provider's queue started, and a wait for a number of its changes or reads to
/// have left the queue.</summary>
public sealed class StartedBatches
{
    private readonly ConcurrentQueue<int> _sizes = new();
    private readonly Lock _gate = new();
    private readonly List<(int Changes, TaskCompletionSource Reached)> _waits = [];
    private int _changes;

    /// <param name="subscribe">Adds the handler to the queue's batch-started event.</param>
    public StartedBatches(Action<Action<int>> subscribe) => subscribe(Started);

    public List<int> Sizes => [.. _sizes];

    public Task WaitForChangesAsync(int changes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_changes >= changes)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((changes, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    private void Started(int size)
    {
        _sizes.Enqueue(size);
        lock (_gate)
        {
            _changes += size;
            foreach (var (changes, reached) in _waits.Where(w => w.Changes <= _changes))
            {
                reached.TrySetResult();
            }
        }
    }
}
