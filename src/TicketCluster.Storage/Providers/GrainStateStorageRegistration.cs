using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using TicketCluster.Storage.Commit;

namespace TicketCluster.Storage.Providers;

/// <summary>What a database's services need to build its grain storage provider.</summary>
/// <param name="Name">The storage name the provider is registered under.</param>
/// <param name="Projection">The container's projection of the write's extras, when one is registered.</param>
/// <param name="TimeProvider">The container's clock (the system clock when none is registered).</param>
/// <param name="Services">The container, for what a database shares with its other providers.</param>
public sealed record GrainStateStorageContext(
    string Name,
    GroupCommitOptions GroupCommit,
    IStateWriteProjection? Projection,
    TimeProvider TimeProvider,
    ILoggerFactory LoggerFactory,
    IServiceProvider Services);

/// <summary>The registration the databases' <c>AddTicketCluster…Storage</c> extensions share.</summary>
public static class GrainStateStorageRegistration
{
    /// <summary>
    /// Registers the provider <paramref name="create"/> builds as the grain storage named
    /// <see cref="GrainStorageNames.TicketCluster"/> through Orleans' <c>AddGrainStorage</c> (a keyed
    /// <c>IGrainStorage</c> singleton, and a silo lifecycle participant, which applies the schema), and the
    /// same provider as the <see cref="ITicketQueries"/>, <see cref="IIntakeKeyLookup"/> and
    /// <see cref="ITicketSweepSource"/> of the container.
    /// </summary>
    public static ISiloBuilder AddTicketClusterGrainStorage<TStorage>(
        this ISiloBuilder builder,
        GroupCommitOptions groupCommit,
        Action<GroupCommitOptions>? configureGroupCommit,
        Func<GrainStateStorageContext, TStorage> create)
        where TStorage : GrainStateStorage
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(groupCommit);
        ArgumentNullException.ThrowIfNull(create);
        configureGroupCommit?.Invoke(groupCommit);
        builder.Services.AddGrainStorage(GrainStorageNames.TicketCluster, (sp, name) => create(new GrainStateStorageContext(
            name,
            groupCommit,
            sp.GetService<IStateWriteProjection>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>(),
            sp)));

        // The same instance answers the API's queries, the intake's key lookup and the sweeper.
        static GrainStateStorage Provider(IServiceProvider sp) =>
            (GrainStateStorage)sp.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.TicketCluster);
        builder.Services.AddSingleton<ITicketQueries>(Provider);
        builder.Services.AddSingleton<IIntakeKeyLookup>(Provider);
        builder.Services.AddSingleton<ITicketSweepSource>(Provider);
        return builder;
    }
}
