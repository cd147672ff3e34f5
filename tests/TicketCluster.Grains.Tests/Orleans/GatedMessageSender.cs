using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Messages;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// The messages the delivery grains sent, in order of completion. While <see cref="Hold"/> is on, a send
/// starts (and <see cref="Started"/> completes) and hangs until <see cref="CutOff"/> ends it without a result,
/// as a send cut off by a node dying; a test awaits counts instead of sleeping.
/// </summary>
public sealed class GatedMessageSender : IMessageSender
{
    private readonly RecordedList<OutboundMessage> _sent = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cutOff = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Hold { get; set; }

    /// <summary>Completes when a send starts while <see cref="Hold"/> is on.</summary>
    public Task Started => _started.Task;

    /// <summary>Ends the held send as a dying node does: it never completes and nothing reports it.</summary>
    public void CutOff() => _cutOff.TrySetException(new OperationCanceledException("The node stopped mid-send."));

    public IReadOnlyList<OutboundMessage> Sent => _sent.Items;

    public Task WaitForAsync(int count) => _sent.WaitForAsync(count);

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (Hold)
        {
            _started.TrySetResult();
            await _cutOff.Task.WaitAsync(cancellationToken);
        }

        _sent.Add(message);
    }
}
