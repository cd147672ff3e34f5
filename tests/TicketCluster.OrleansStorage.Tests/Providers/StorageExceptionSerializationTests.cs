using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TicketCluster.Storage;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The providers' exceptions cross grain calls: Orleans' serializer carries them with their data.</summary>
public sealed class StorageExceptionSerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Serializer_DuplicateIntakeKeyException_RoundTripsScopeKeyAndOwner()
    {
        var copy = RoundTrip(new DuplicateIntakeKeyException("intake", "k-9", "ticket/tk-2"));

        var duplicate = Assert.IsType<DuplicateIntakeKeyException>(copy);
        Assert.Equal(("intake", "k-9", "ticket/tk-2"), (duplicate.Scope, duplicate.Key, duplicate.OwnerGrainId));
        Assert.Equal("The key 'k-9' of scope 'intake' is recorded by ticket/tk-2.", duplicate.Message);
    }

    [Fact]
    public void Serializer_StorageUnavailableException_RoundTripsMessage()
    {
        var copy = RoundTrip(new StorageUnavailableException("The database failed: relation \"grain_state\" does not exist"));

        Assert.Equal("The database failed: relation \"grain_state\" does not exist", Assert.IsType<StorageUnavailableException>(copy).Message);
    }

    private Exception RoundTrip(Exception exception)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        return serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(exception))!;
    }
}
