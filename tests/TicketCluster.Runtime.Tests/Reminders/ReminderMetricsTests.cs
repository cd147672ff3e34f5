using System.Diagnostics.Metrics;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Tests.Support;

namespace TicketCluster.Runtime.Tests.Reminders;

public sealed class ReminderMetricsTests : IAsyncDisposable
{
    private readonly Harness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task RunOnceAsync_LateReminder_RecordsLatenessAndFiredCount()
    {
        const string node = "metrics-node";
        var lateness = new List<double>();
        long fired = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ticketcluster.reminder.lateness" && IsNode(tags, node))
            {
                lateness.Add(value);
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ticketcluster.reminder.fired" && IsNode(tags, node))
            {
                Interlocked.Add(ref fired, value);
            }
        });
        listener.Start();
        var runtime = _harness.CreateRuntime(new GrainProbe(), node: node);
        await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.ScheduleAsync("sla", _harness.Clock.GetUtcNow().AddMinutes(1)));
        _harness.Clock.Advance(TimeSpan.FromMinutes(3));

        await runtime.Reminders.RunOnceAsync(CancellationToken.None);

        Assert.Equal([120.0], lateness);
        Assert.Equal(1, fired);
    }

    private static bool IsNode(ReadOnlySpan<KeyValuePair<string, object?>> tags, string node)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "node" && Equals(tag.Value, node))
            {
                return true;
            }
        }

        return false;
    }
}
