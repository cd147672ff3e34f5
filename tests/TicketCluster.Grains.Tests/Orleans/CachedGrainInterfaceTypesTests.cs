using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>The grain interface types worked out once: the resolver's answers as without the cache, the
/// other providers asked once per interface and still in their order, and a silo's resolver asking the
/// cache first.</summary>
public sealed class CachedGrainInterfaceTypesTests : IDisposable
{
    private readonly CountingProvider _attributes = new(new AttributeGrainInterfaceTypeProvider(new ServiceCollection().BuildServiceProvider()));
    private readonly CountingProvider _named = new(new NamingProvider());
    private readonly ServiceProvider _services;

    public CachedGrainInterfaceTypesTests()
    {
        // Orleans' resolver as a silo composes it: the attribute provider, then one of the host's own.
        var services = new ServiceCollection().AddSerializer();
        services.AddSingleton<GrainInterfaceTypeResolver>();
        services.AddSingleton<IGrainInterfaceTypeProvider>(_attributes);
        services.AddSingleton<IGrainInterfaceTypeProvider>(_named);
        services.AddTicketClusterGrains();
        _services = services.BuildServiceProvider();
    }

    private GrainInterfaceTypeResolver Resolver => _services.GetRequiredService<GrainInterfaceTypeResolver>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Resolve_AliasedInterfaceTwice_ConventionsAnswerAndProvidersAskedOnce()
    {
        var first = Resolver.GetGrainInterfaceType(typeof(ITicketGrain));
        var second = Resolver.GetGrainInterfaceType(typeof(ICustomerGrain));
        var again = Resolver.GetGrainInterfaceType(typeof(ITicketGrain));

        Assert.Equal("tc.ITicketGrain", first.ToString());
        Assert.Equal(Resolver.GetGrainInterfaceTypeByConvention(typeof(ITicketGrain)), first);
        Assert.Equal("tc.ICustomerGrain", second.ToString());
        Assert.Equal(first, again);
        Assert.Equal(1, _attributes.Asked(typeof(ITicketGrain)));
        Assert.Equal(1, _named.Asked(typeof(ITicketGrain)));
    }

    [Fact]
    public void Resolve_InterfaceALaterProviderNames_TakesThatProvidersAnswerOnce()
    {
        var first = Resolver.GetGrainInterfaceType(typeof(INamedGrain));
        var again = Resolver.GetGrainInterfaceType(typeof(INamedGrain));

        Assert.Equal(NamingProvider.Name, first.ToString());
        Assert.Equal(first, again);
        Assert.Equal(1, _named.Asked(typeof(INamedGrain)));
    }

    [Fact]
    public void Resolve_InterfaceWithTheAttributeOrleansReads_TakesTheAttributesAnswer()
    {
        Assert.Equal("tc-test.attributed", Resolver.GetGrainInterfaceType(typeof(IAttributedGrain)).ToString());
        Assert.Equal(0, _named.Asked(typeof(IAttributedGrain)));
    }

    [Fact]
    public void AddTicketClusterGrains_Twice_RegistersOneCacheFirst()
    {
        var services = new ServiceCollection().AddTicketClusterGrains().AddTicketClusterGrains();

        Assert.Single(services, d => d.ServiceType == typeof(CachedGrainInterfaceTypes));
        Assert.Single(services, d => d.ServiceType == typeof(IGrainInterfaceTypeProvider));
        Assert.Equal(typeof(IGrainInterfaceTypeProvider), services[0].ServiceType);
    }

    [Fact]
    public async Task Silo_ResolverAsksTheCacheFirst_AndGrainCallsWork()
    {
        await using var cluster = await OrleansCluster.StartAsync();
        var services = cluster.Cluster.Silos[0].ServiceProvider;

        Assert.IsType<CachedGrainInterfaceTypes>(services.GetServices<IGrainInterfaceTypeProvider>().First());
        Assert.Equal("tc.ITicketGrain", services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(typeof(ITicketGrain)).ToString());
        Assert.Null(await cluster.Ticket("never-opened").GetAsync());
    }

    [Alias("tc-test.INamedGrain")]
    public interface INamedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }

    [GrainInterfaceType("tc-test.attributed")]
    public interface IAttributedGrain : IGrainWithStringKey
    {
        Task PingAsync();
    }

    /// <summary>A host's own provider: names <see cref="INamedGrain"/>, nothing else.</summary>
    private sealed class NamingProvider : IGrainInterfaceTypeProvider
    {
        public const string Name = "tc-test.named-by-the-host";

        public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
        {
            grainInterfaceType = type == typeof(INamedGrain) ? GrainInterfaceType.Create(Name) : default;
            return type == typeof(INamedGrain);
        }
    }

    private sealed class CountingProvider(IGrainInterfaceTypeProvider inner) : IGrainInterfaceTypeProvider
    {
        private readonly Dictionary<Type, int> _asked = [];

        public int Asked(Type type)
        {
            lock (_asked)
            {
                return _asked.GetValueOrDefault(type);
            }
        }

        public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
        {
            lock (_asked)
            {
                _asked[type] = _asked.GetValueOrDefault(type) + 1;
            }

            return inner.TryGetGrainInterfaceType(type, out grainInterfaceType);
        }
    }
}
