using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Tests.Contract;
using TicketCluster.Testing;

namespace TicketCluster.Storage.Tests.InMemory;

/// <summary>The contract on the runtime's in-memory storage (the one unit tests run on), with time on a
/// manual clock. A "location" is one shared data set that <see cref="Open"/> reopens.</summary>
public sealed class InMemoryGrainStorageContractTests : GrainStorageContractTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly Dictionary<string, InMemoryGrainStorage> _stores = [];

    protected override TimeSpan ShortLease => TimeSpan.FromMilliseconds(200);

    protected override Task<string> CreateLocationAsync()
    {
        var location = "memory-" + _stores.Count;
        _stores[location] = new InMemoryGrainStorage(_clock);
        return Task.FromResult(location);
    }

    protected override IGrainStorage Open(string location) => _stores[location].Reopen();

    protected override Task<DateTimeOffset> NowAsync() => Task.FromResult(_clock.GetUtcNow());

    protected override Task WaitForLeasesToExpireAsync()
    {
        _clock.Advance(LongLease + TimeSpan.FromMilliseconds(1));
        return Task.CompletedTask;
    }

    protected override Task DeleteLocationsAsync() => Task.CompletedTask;
}
