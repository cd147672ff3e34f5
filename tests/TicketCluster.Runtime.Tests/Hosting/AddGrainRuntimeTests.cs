using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TicketCluster.Runtime.Hosting;
using TicketCluster.Runtime.Storage;
using TicketCluster.Runtime.Tests.Support;
using TicketCluster.Testing;

namespace TicketCluster.Runtime.Tests.Hosting;

public sealed class AddGrainRuntimeTests
{
    private static ServiceProvider Build(Action<Options.GrainRuntimeOptions> configure)
    {
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IGrainStorage>(new InMemoryGrainStorage(clock));
        services.AddSingleton<GrainProbe>();
        services.AddGrainRuntime(grains => grains.Add<CounterGrain>("counter"), configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddGrainRuntime_Registered_HostedServiceRunsGrainsCreatedThroughDependencyInjection()
    {
        await using var provider = Build(o => o.NodeId = "di-node");
        var runtime = provider.GetRequiredService<GrainRuntime>();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());

        await hosted.StartAsync(CancellationToken.None);
        int value = await runtime.GetGrain<CounterGrain>("c").InvokeAsync(g => g.IncrementAsync());
        await hosted.StopAsync(CancellationToken.None);

        Assert.Same(runtime, hosted);
        Assert.Equal("di-node", runtime.NodeId);
        Assert.Equal(1, value);
        Assert.Equal(1, provider.GetRequiredService<GrainProbe>().Activations[Harness.Counter("c")]);
    }

    [Fact]
    public async Task AddGrainRuntime_InvalidOptions_ValidationFailsWithOptionName()
    {
        await using var provider = Build(o => o.GroupCommit.MaxBatchSize = 0);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<GrainRuntime>());

        Assert.Contains("GroupCommit.MaxBatchSize", error.Message, StringComparison.Ordinal);
    }
}
