using System.Text.Json;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Outbox;
using TicketCluster.Runtime.Storage;
using TicketCluster.Testing;

namespace TicketCluster.Runtime.Tests.Support;

/// <summary>A manual clock, one in-memory storage (wrapped for recording) and the runtimes (nodes) a
/// test creates on it. Background loops are off unless a test turns them on: most tests drive a
/// dispatcher or relay round by hand.</summary>
public sealed class Harness : IAsyncDisposable
{
    private readonly List<GrainRuntime> _runtimes = [];

    public Harness()
    {
        Memory = new InMemoryGrainStorage(Clock);
        Storage = new RecordingStorage(Memory);
    }

    public ManualTimeProvider Clock { get; } = new();

    public InMemoryGrainStorage Memory { get; }

    public RecordingStorage Storage { get; }

    /// <summary>A bound on real time for awaiting signals, so a broken test fails instead of hanging.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    public GrainRuntime CreateRuntime(
        GrainProbe probe,
        Action<GrainRuntimeOptions>? configure = null,
        string node = "node-a",
        IEnumerable<IOutboxDeliveryHandler>? handlers = null)
    {
        var options = new GrainRuntimeOptions { NodeId = node };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        configure?.Invoke(options);
        var grains = new GrainTypeRegistry().Add("counter", _ => new CounterGrain(probe));
        var runtime = new GrainRuntime(Storage, grains, options, Clock, deliveryHandlers: handlers);
        _runtimes.Add(runtime);
        return runtime;
    }

    public static GrainId Counter(string key) => new("counter", key);

    public async Task<CounterState?> ReadCounterAsync(string key)
    {
        var record = await Memory.ReadStateAsync(Counter(key), CancellationToken.None);
        return record is null ? null : JsonSerializer.Deserialize<CounterState>(record.State, JsonSerializerOptions.Web);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            await runtime.DisposeAsync();
        }
    }
}

public static class SignalExtensions
{
    /// <summary>Awaits a signal with a real-time bound (a failure guard, not a wait for time to pass).</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Harness.Patience);

    public static Task Within(this Task task) => task.WaitAsync(Harness.Patience);
}
