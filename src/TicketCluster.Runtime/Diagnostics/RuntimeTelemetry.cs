using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TicketCluster.Runtime.Diagnostics;

/// <summary>
/// Names of TicketCluster's telemetry sources, for OpenTelemetry registration. Every part of the product
/// (runtime, grains, silo) creates its <see cref="ActivitySource"/> and <see cref="Meter"/> under the one
/// name <see cref="Name"/>, so a collector subscribes to a single source and a single meter.
/// </summary>
public static class RuntimeTelemetry
{
    public const string Name = "TicketCluster";

    public const string MeterName = Name;

    public const string ActivitySourceName = Name;

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);
}

/// <summary>The instruments of one runtime, tagged with its node id.</summary>
internal sealed class RuntimeMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly KeyValuePair<string, object?> _node;
    private readonly Histogram<double> _reminderLateness;
    private readonly Counter<long> _remindersFired;
    private readonly Counter<long> _remindersFenceLost;
    private readonly Counter<long> _remindersFailed;
    private readonly Histogram<int> _commitBatchSize;
    private readonly Counter<long> _versionConflicts;
    private readonly Counter<long> _outboxDelivered;
    private readonly Counter<long> _outboxFailed;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _activations;

    /// <param name="activationCount">Reads the number of activations now, for the observable gauge.</param>
    public RuntimeMetrics(string nodeId, Func<int> activationCount)
    {
        _meter = new Meter(RuntimeTelemetry.MeterName);
        _node = new("node", nodeId);
        _reminderLateness = _meter.CreateHistogram<double>("ticketcluster.reminder.lateness", "s", "Time from a reminder's due time to its firing.");
        _remindersFired = _meter.CreateCounter<long>("ticketcluster.reminder.fired", description: "Reminder turns committed with their completion.");
        _remindersFenceLost = _meter.CreateCounter<long>("ticketcluster.reminder.fence_lost", description: "Late reminder turns discarded because their claim was lost.");
        _remindersFailed = _meter.CreateCounter<long>("ticketcluster.reminder.failed", description: "Reminder turns that threw; they fire again after their lease.");
        _commitBatchSize = _meter.CreateHistogram<int>("ticketcluster.commit.batch_size", description: "Writes per storage round trip.");
        _versionConflicts = _meter.CreateCounter<long>("ticketcluster.turn.version_conflicts", description: "Turn attempts that met a newer version.");
        _outboxDelivered = _meter.CreateCounter<long>("ticketcluster.outbox.delivered", description: "Outbox messages delivered.");
        _outboxFailed = _meter.CreateCounter<long>("ticketcluster.outbox.failed", description: "Outbox messages whose delivery failed.");
        _turnDuration = _meter.CreateHistogram<double>("ticketcluster.turn.duration", "s", "Time of a grain call from the start of its turn to its end, retries included.");
        _activations = _meter.CreateCounter<long>("ticketcluster.activation.created", "{activation}", "Grain activations created.");
        _meter.CreateObservableUpDownCounter(
            "ticketcluster.activation.count",
            () => new Measurement<int>(activationCount(), _node),
            "{activation}",
            "Grain activations in this node's catalog.");
    }

    public void TurnCompleted(string grainType, string kind, TimeSpan duration) =>
        _turnDuration.Record(duration.TotalSeconds, _node, new("grain.type", grainType), new("turn.kind", kind));

    public void Activated(string grainType) => _activations.Add(1, _node, new KeyValuePair<string, object?>("grain.type", grainType));

    private long _remindersClaimedTotal;
    private long _remindersFiredTotal;

    /// <summary>Reminders this node has claimed since it started (membership and diagnostics).</summary>
    public long RemindersClaimedTotal => Interlocked.Read(ref _remindersClaimedTotal);

    /// <summary>Reminder turns this node has committed since it started.</summary>
    public long RemindersFiredTotal => Interlocked.Read(ref _remindersFiredTotal);

    public void RemindersClaimed(int count) => Interlocked.Add(ref _remindersClaimedTotal, count);

    public void ReminderFired(TimeSpan lateness)
    {
        Interlocked.Increment(ref _remindersFiredTotal);
        _remindersFired.Add(1, _node);
        _reminderLateness.Record(Math.Max(0, lateness.TotalSeconds), _node);
    }

    public void ReminderFenceLost() => _remindersFenceLost.Add(1, _node);

    public void ReminderFailed() => _remindersFailed.Add(1, _node);

    public void BatchCommitted(int size) => _commitBatchSize.Record(size, _node);

    public void VersionConflict() => _versionConflicts.Add(1, _node);

    public void OutboxDelivered(int count) => _outboxDelivered.Add(count, _node);

    public void OutboxFailed(int count) => _outboxFailed.Add(count, _node);

    public void Dispose() => _meter.Dispose();
}
