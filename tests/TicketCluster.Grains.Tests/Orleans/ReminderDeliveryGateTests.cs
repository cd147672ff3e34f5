using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using TicketCluster.Grains.Hosting;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// The silo's bound on reminder ticks in flight (<see cref="ReminderDeliveryGate"/>), on a real reminder service
/// and table: many reminders falling due at the same instant are delivered at most the configured number at a
/// time, and all of them once; without the bound they are all delivered at once.
/// </summary>
public sealed class ReminderDeliveryGateTests
{
    private const int Grains = 12;

    [Fact]
    public async Task ManyDueAtOnce_AtMostTheLimitInFlight_EachDeliveredOnce()
    {
        var probe = await DeliverAsync(limit: 3);

        Assert.Equal(3, probe.MostInFlight);
        Assert.Equal(Grains, probe.Delivered.Count);
        Assert.All(probe.Delivered.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task LimitZero_EveryDueTickSentAtOnce()
    {
        var probe = await DeliverAsync(limit: 0);

        Assert.True(probe.MostInFlight > 3, $"at most {probe.MostInFlight} in flight without a limit");
        Assert.Equal(Grains, probe.Delivered.Count);
    }

    private static async Task<GateProbe> DeliverAsync(int limit)
    {
        var probe = new GateProbe(Grains);
        await using var cluster = await OrleansCluster.StartAsync(configure: silo =>
        {
            silo.Services.AddSingleton(probe);
            silo.Services.Configure<ReminderDeliveryOptions>(o => o.MaxConcurrentDeliveries = limit);
        });

        // Every reminder falls due at the same instant, two seconds from now; each turn holds its slot a while.
        var due = DateTime.UtcNow.AddSeconds(2);
        await Task.WhenAll(Enumerable.Range(0, Grains).Select(i =>
            cluster.Grains.GetGrain<IGateProbeGrain>($"g{i}").ArmAsync(due)));
        await probe.AllDelivered.WaitAsync(TimeSpan.FromSeconds(60));
        return probe;
    }
}

/// <summary>Counts the reminder turns in flight at once and the deliveries per grain.</summary>
public sealed class GateProbe(int expected)
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public int MostInFlight { get; private set; }

    public Dictionary<string, int> Delivered { get; } = [];

    public Task AllDelivered => _all.Task;

    public void Enter()
    {
        lock (_gate)
        {
            MostInFlight = Math.Max(MostInFlight, ++_inFlight);
        }
    }

    public void Leave(string grain)
    {
        lock (_gate)
        {
            _inFlight--;
            Delivered[grain] = Delivered.GetValueOrDefault(grain) + 1;
            if (Delivered.Count >= expected)
            {
                _all.TrySetResult();
            }
        }
    }
}

public interface IGateProbeGrain : IGrainWithStringKey, IRemindable
{
    Task ArmAsync(DateTime dueUtc);
}

/// <summary>Registers one reminder due at a given instant; its tick holds the turn for 300 ms, then unregisters it.</summary>
public sealed class GateProbeGrain(GateProbe probe) : Grain, IGateProbeGrain
{
    public async Task ArmAsync(DateTime dueUtc) =>
        await this.RegisterOrUpdateReminder("gate", dueUtc - DateTime.UtcNow, TimeSpan.FromMinutes(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Enter();
        try
        {
            await Task.Delay(300);
            if (await this.GetReminder(reminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        finally
        {
            probe.Leave(this.GetPrimaryKeyString());
        }
    }
}
