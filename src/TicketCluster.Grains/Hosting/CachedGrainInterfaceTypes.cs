using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;

namespace TicketCluster.Grains.Hosting;

/// <summary>
/// The grain interface type of each interface, worked out once. Every <c>GetGrain&lt;T&gt;(key)</c> asks the
/// silo's <see cref="GrainInterfaceTypeResolver"/> for <c>T</c>'s grain interface type; the resolver asks its
/// providers in registration order and falls back to Orleans' naming convention, and Orleans' own
/// <see cref="AttributeGrainInterfaceTypeProvider"/> answers by reading and instantiating <c>T</c>'s custom
/// attributes on each call (for this product's interfaces, which name themselves by <c>[Alias]</c>, to find
/// none and leave the answer to the convention). Profiles of the HTTP intake showed that reflection as
/// 1.5–2.0 % of the silo's CPU (docs/performance.md, "Step 20"). The answer depends only on the interface, so
/// this provider, registered first, works it out once as the resolver would without it (the providers
/// after it in their order, then the convention) and keeps it.
/// </summary>
public sealed class CachedGrainInterfaceTypes(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _known = new();

    /// <summary>Always answers: the resolver applies an interface's generic arguments to the answer itself,
    /// which leaves the convention's constructed answer as it is.</summary>
    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        // Looked up before GetOrAdd: passing the method group allocates a delegate on each call.
        if (!_known.TryGetValue(type, out grainInterfaceType))
        {
            grainInterfaceType = _known.GetOrAdd(type, Resolve);
        }

        return true;
    }

    private GrainInterfaceType Resolve(Type type)
    {
        foreach (var provider in services.GetServices<IGrainInterfaceTypeProvider>())
        {
            if (!ReferenceEquals(provider, this) && provider.TryGetGrainInterfaceType(type, out var found))
            {
                return found;
            }
        }

        return services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceTypeByConvention(type);
    }
}
