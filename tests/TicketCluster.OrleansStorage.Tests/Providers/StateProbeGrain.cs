using Orleans;
using Orleans.Runtime;
using TicketCluster.Storage.Providers;

namespace TicketCluster.OrleansStorage.Tests.Providers;

public interface IStateProbeGrain : IGrainWithStringKey
{
    Task SetStatusAsync(string status);

    /// <summary>The state's status, its ETag and this activation's id, joined by <c>|</c>.</summary>
    Task<string> ReadAsync();

    Task DeactivateAsync();
}

/// <summary>A grain whose state lives in the project's grain storage (<c>"ticketcluster"</c>).</summary>
public sealed class StateProbeGrain([PersistentState("s", GrainStorageNames.TicketCluster)] IPersistentState<ProbeState> state) : Grain, IStateProbeGrain
{
    private readonly string _activation = Guid.NewGuid().ToString("N");

    public async Task SetStatusAsync(string status)
    {
        state.State = state.State with { Status = status };
        await state.WriteStateAsync();
    }

    public Task<string> ReadAsync() => Task.FromResult($"{state.State.Status}|{state.Etag}|{_activation}");

    public Task DeactivateAsync()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
