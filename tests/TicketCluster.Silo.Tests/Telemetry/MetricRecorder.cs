using System.Diagnostics.Metrics;
using TicketCluster.Grains.Diagnostics;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>One measurement of a TicketCluster instrument.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? Tag(string name) => Tags.GetValueOrDefault(name);
}

/// <summary>
/// Records the measurements of the <c>TicketCluster</c> meter made for one node (tag <c>node</c>), so
/// tests running other silos in parallel do not disturb it. <see cref="WaitForAsync"/> completes on the
/// first measurement matching, recorded before or after the call: no polling.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly string _node;
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<RecordedMeasurement> _measurements = [];
    private readonly List<(Func<RecordedMeasurement, bool> Match, TaskCompletionSource<RecordedMeasurement> Done)> _waiters = [];

    public MetricRecorder(string node)
    {
        _node = node;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TicketClusterTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> Of(string instrument)
    {
        lock (_gate)
        {
            return _measurements.Where(m => m.Instrument == instrument).ToList();
        }
    }

    public Task<RecordedMeasurement> WaitForAsync(string instrument, Func<RecordedMeasurement, bool>? match = null)
    {
        bool Matches(RecordedMeasurement m) => m.Instrument == instrument && (match?.Invoke(m) ?? true);
        lock (_gate)
        {
            if (_measurements.FirstOrDefault(Matches) is { } found)
            {
                return Task.FromResult(found);
            }

            var done = new TaskCompletionSource<RecordedMeasurement>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Matches, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value?.ToString();
        }

        if (map.GetValueOrDefault("node") != _node)
        {
            return;
        }

        var measurement = new RecordedMeasurement(instrument, value, map);
        lock (_gate)
        {
            _measurements.Add(measurement);
            foreach (var waiter in _waiters.Where(w => w.Match(measurement)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(measurement);
            }
        }
    }
}
