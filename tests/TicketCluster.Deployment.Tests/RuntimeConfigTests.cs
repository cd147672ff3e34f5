using System.Text.Json;

namespace TicketCluster.Deployment.Tests;

/// <summary>The runtime settings the node ships with (its <c>runtimeconfig.json</c>, next to the dll in every
/// build and image).</summary>
public sealed class RuntimeConfigTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TicketCluster.Silo.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the Silo project's build should put it there.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    /// <summary>Idle thread-pool workers block instead of spinning for work (docs/operations.md, "CPU").</summary>
    [Fact]
    public void Node_ThreadPoolDoesNotSpin()
    {
        Assert.Equal(0, ConfigProperties().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
