using System.Diagnostics;

namespace TicketCluster.Runtime.Activations;

/// <summary>A call queued on an activation. Running it never throws: the outcome is kept and handed to
/// the caller only after the activation has accounted for the finished turn, so a caller that sees its
/// result also sees the activation idle.</summary>
internal interface IWorkItem
{
    /// <summary>The trace context of the caller when it queued the call: the parent of the turn's span.</summary>
    ActivityContext Caller { get; }

    Task RunAsync(GrainActivation activation);

    void Publish();
}

internal sealed class WorkItem<T>(Func<GrainActivation, CancellationToken, Task<T>> work, CancellationToken cancellationToken) : IWorkItem
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _completion.Task;

    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    public async Task RunAsync(GrainActivation activation)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(activation, cancellationToken);
        }
#pragma warning disable CA1031 // The exception is handed to the caller in Publish.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _error = exception;
        }
    }

    public void Publish()
    {
        if (_error is OperationCanceledException canceled)
        {
            _completion.SetCanceled(canceled.CancellationToken);
        }
        else if (_error is not null)
        {
            _completion.SetException(_error);
        }
        else
        {
            _completion.SetResult(_result!);
        }
    }
}
