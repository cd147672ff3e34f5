using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using TicketCluster.Domain.Parties;
using TicketCluster.Domain.Sla;
using TicketCluster.Grains.Diagnostics;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tickets;
using TicketCluster.Storage;

namespace TicketCluster.Grains.Hosting;

/// <summary>What a silo (and a client) needs for the grains on Orleans, besides the grain storage named
/// <see cref="GrainTypes.StorageName"/>, reminders and an <c>IWebhookSender</c>, which the host chooses.</summary>
public static class OrleansGrainsRegistration
{
    /// <summary>Domain types cross grain calls through Orleans' System.Text.Json codec, with the options
    /// the state is stored with (<see cref="DomainJson"/>). Needed on silos and clients alike. A call inside
    /// one silo hands the deeply immutable ones over as they are (<see cref="ImmutableDomainCopier"/>); the
    /// JSON codec copies the rest.</summary>
    public static ISerializerBuilder AddDomainJson(this ISerializerBuilder serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        serializer.Services.AddSingleton<ITypeFilter, DomainTypeFilter>();
        serializer.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISpecializableCopier, ImmutableDomainCopier>());
        return serializer.AddJsonSerializer(
            isSerializable: DomainJson.IsDomainType,
            isCopyable: type => DomainJson.IsDomainType(type) && !ImmutableDomainCopier.Handles(type),
            options => options.Configure(o => o.SerializerOptions = DomainJson.Options));
    }

    /// <summary>The grains' services on a silo: the ticket policy, the parties' retention (validated), the
    /// webhook subscriptions (none unless registered before), the clock (the system's unless registered
    /// before), the bound on reminder ticks in flight (<see cref="ReminderDeliveryGate"/>), the token that cuts the
    /// feeds' sends when the silo stops (<see cref="SiloStopping"/>), the Domain JSON codec and the grain
    /// interface types kept once read (<see cref="CachedGrainInterfaceTypes"/>).</summary>
    public static IServiceCollection AddTicketClusterGrains(this IServiceCollection services, TicketPolicy? policy = null, PartyRetention? retention = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var kept = retention ?? PartyRetention.Default;
        if (kept.Validate(nameof(retention)) is [var first, ..])
        {
            throw new ArgumentException(first, nameof(retention));
        }

        services.TryAddSingleton(policy ?? TicketPolicy.Default);
        services.TryAddSingleton(kept);
        services.TryAddSingleton(TicketSubscriptions.None);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStateWriteProjection, GrainStateWriteProjection>();
        services.AddOptions<TicketReminderOptions>();
        services.AddOptions<TicketDeliveryOptions>();
        services.AddSingleton<IIncomingGrainCallFilter, GrainLogScopeFilter>();
        services.AddOptions<ReminderDeliveryOptions>();
        services.AddSingleton<IOutgoingGrainCallFilter, ReminderDeliveryGate>();
        services.TryAddSingleton<SiloStopping>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloStopping>());
        services.AddSerializer(s => s.AddDomainJson());
        if (!services.Any(d => d.ServiceType == typeof(CachedGrainInterfaceTypes)))
        {
            // First in the collection, whether Orleans' defaults are registered before or after: the resolver
            // asks the providers in registration order.
            services.AddSingleton<CachedGrainInterfaceTypes>();
            services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider>(sp => sp.GetRequiredService<CachedGrainInterfaceTypes>()));
        }

        return services;
    }

    /// <summary>The <see cref="TicketSweeper"/> on this node; the host registers its <see cref="ITicketSweepSource"/>.</summary>
    public static IServiceCollection AddTicketSweeper(this IServiceCollection services, Action<TicketSweeperOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TicketSweeperOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHostedService<TicketSweeper>();
        return services;
    }
}

/// <summary>
/// Allows every Domain type in type names the serializer writes. The JSON codec allows the types it
/// serializes, but not the abstract ones (<c>TicketEvent</c>), which still appear as type arguments, as in
/// an <c>ImmutableList&lt;TicketEvent&gt;</c> answered by a grain.
/// </summary>
internal sealed class DomainTypeFilter : ITypeFilter
{
    public bool? IsTypeAllowed(Type type) => DomainJson.IsDomainType(type) ? true : null;
}
