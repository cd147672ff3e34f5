namespace TicketCluster.Cluster.Tests.Support;

/// <summary>Waits for a condition about other processes, which a test cannot signal: checks it every
/// 200 ms until it holds or the bound passes, then fails with the nodes' logs.</summary>
public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan bound, Func<string> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"Condition not met within {bound}.\n{diagnostics()}");
    }
}
