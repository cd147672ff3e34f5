using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// What the project's ticket storage provider does with intake keys, over Orleans' memory storage: a write of a
/// ticket's state records the keys <see cref="TicketWriteProjection"/> names, and is refused with
/// <see cref="DuplicateIntakeKeyException"/> (nothing written) when another ticket holds one of them, as the
/// database's primary key refuses it. Also the intake's key lookup. Goes when the provider replaces the memory
/// storage in <see cref="OrleansCluster"/>.
/// </summary>
public sealed class IntakeKeyTable : IIntakeKeyLookup, IDisposable
{
    private readonly ConcurrentDictionary<(string Scope, string Key), string> _owners = new();
    private readonly SemaphoreSlim _writes = new(1, 1);

    public Task<string?> FindOwnerAsync(string scope, string key, CancellationToken cancellationToken) =>
        Task.FromResult(_owners.TryGetValue((scope, key), out var owner) ? owner : null);

    /// <summary>Records a key as held by <paramref name="ticketId"/>, as an earlier intake would have.</summary>
    public void Hold(string scope, string key, string ticketId) => _owners[(scope, key)] = ticketId;

    internal IGrainStorage Over(IGrainStorage inner) => new Storage(inner, this);

    public void Dispose() => _writes.Dispose();

    private sealed class Storage(IGrainStorage inner, IntakeKeyTable table) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.State is not TicketGrainState ticket)
            {
                await inner.WriteStateAsync(stateName, grainId, grainState);
                return;
            }

            var self = grainId.Key.ToString()!;
            var expected = long.TryParse(grainState.ETag, out var version) ? version : 0;
            var keys = TicketWriteProjection.Project(ticket, expected)?.KeysToRecord ?? [];
            await table._writes.WaitAsync();
            try
            {
                foreach (var key in keys)
                {
                    if (table._owners.TryGetValue((key.Scope, key.Key), out var owner) && owner != self)
                    {
                        throw new DuplicateIntakeKeyException(key.Scope, key.Key, GrainId.Create(GrainTypes.Ticket, owner).ToString());
                    }
                }

                await inner.WriteStateAsync(stateName, grainId, grainState);
                foreach (var key in keys)
                {
                    table._owners[(key.Scope, key.Key)] = self;
                }
            }
            finally
            {
                table._writes.Release();
            }
        }
    }
}
