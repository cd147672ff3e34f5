using System.Text.Json;

namespace TicketCluster.LoadGen.Tests.Cli;

/// <summary>The runtime settings the load generator ships with (its <c>runtimeconfig.json</c>, copied beside
/// this test's assembly by the project reference). The generator shares a machine with the node it
/// measures, so CPU it spends on itself is taken from the node.</summary>
public sealed class RuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TicketCluster.LoadGen.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the LoadGen project's build should put it there.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    /// <summary>No instrumented re-compilation tier: in a short run it cost a third of the generator's CPU.</summary>
    [Fact]
    public void Generator_CompilesWithoutProfileGuidedTier()
    {
        Assert.False(ConfigProperties().GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    /// <summary>Idle thread-pool workers block instead of spinning for work.</summary>
    [Fact]
    public void Generator_ThreadPoolDoesNotSpin()
    {
        Assert.Equal(0, ConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
