using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Outbox;
using TicketCluster.Runtime.Serialization;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Hosting;

public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grain runtime as a singleton and a hosted service (started and stopped with the
    /// host), its options (validated on start), the grain types, and the system clock and JSON state
    /// serializer unless others are registered. The host registers the <see cref="IGrainStorage"/> and
    /// any <see cref="IOutboxDeliveryHandler"/>s.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(
        this IServiceCollection services,
        Action<GrainTypeRegistry> grains,
        Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(grains);
        var registry = new GrainTypeRegistry();
        grains(registry);

        var options = services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainStateSerializer, JsonGrainStateSerializer>();
        services.AddSingleton(sp => new GrainRuntime(
            sp.GetRequiredService<IGrainStorage>(),
            registry,
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp,
            sp.GetRequiredService<IGrainStateSerializer>(),
            sp.GetServices<IOutboxDeliveryHandler>()));
        services.AddHostedService(sp => sp.GetRequiredService<GrainRuntime>());
        return services;
    }
}

/// <summary>Validates <see cref="GrainRuntimeOptions"/> at start-up with the rules of
/// <see cref="GrainRuntimeOptions.Validate"/>.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
