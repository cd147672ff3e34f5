using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Runtime.Grains;

namespace TicketCluster.Runtime;

/// <summary>The grain types a runtime can activate: a stable type name (stored in every
/// <see cref="GrainId"/>, so it must never change once data exists) and a factory per type.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, Grain>> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _names = [];

    /// <summary>Registers <typeparamref name="TGrain"/> under <paramref name="typeName"/> with a factory
    /// that receives the runtime's service provider.</summary>
    public GrainTypeRegistry Add<TGrain>(string typeName, Func<IServiceProvider, TGrain> factory)
        where TGrain : Grain
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        ArgumentNullException.ThrowIfNull(factory);
        if (typeName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A grain type name must not contain '/'.", nameof(typeName));
        }

        if (!_factories.TryAdd(typeName, factory) || !_names.TryAdd(typeof(TGrain), typeName))
        {
            throw new InvalidOperationException($"Grain type '{typeName}' ({typeof(TGrain).Name}) is registered twice.");
        }

        return this;
    }

    /// <summary>Registers <typeparamref name="TGrain"/>, created through dependency injection.</summary>
    public GrainTypeRegistry Add<TGrain>(string typeName)
        where TGrain : Grain =>
        Add(typeName, services => ActivatorUtilities.CreateInstance<TGrain>(services));

    public IReadOnlyCollection<string> TypeNames => _factories.Keys;

    public bool Contains(string typeName) => _factories.ContainsKey(typeName);

    internal string TypeNameOf<TGrain>()
        where TGrain : Grain =>
        _names.TryGetValue(typeof(TGrain), out var name)
            ? name
            : throw new InvalidOperationException($"Grain class {typeof(TGrain).Name} is not registered.");

    internal Grain Create(string typeName, IServiceProvider services) =>
        _factories.TryGetValue(typeName, out var factory)
            ? factory(services)
            : throw new InvalidOperationException($"No grain type '{typeName}' is registered on this node.");
}
