using TicketCluster.Storage.Commit;

namespace TicketCluster.Benchmarks.ScaleOut;

/// <summary>
/// <c>silos</c> <see cref="BenchSilo"/>s on one PostgreSQL database, started one after another with one cluster id so
/// that they join one cluster through the membership table, and stopped in the reverse order.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<BenchSilo> _silos = [];

    private BenchCluster()
    {
    }

    public IReadOnlyList<BenchSilo> Silos => _silos;

    /// <param name="configure">The extra configuration of silo <c>i</c> (0-based), if any.</param>
    /// <param name="groupCommit">Changes every silo's grain storage group commit defaults.</param>
    public static async Task<BenchCluster> StartPostgresAsync(string database, int silos, Func<int, Action<ISiloBuilder>>? configure = null, bool stockReminders = false, Action<GroupCommitOptions>? groupCommit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var clusterId = BenchSilo.NewClusterId();
        var cluster = new BenchCluster();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster._silos.Add(await BenchSilo.StartPostgresAsync(database, groupCommit, configure?.Invoke(i), stockReminders, clusterId));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _silos.Count - 1; i >= 0; i--)
        {
            await _silos[i].DisposeAsync();
        }

        _silos.Clear();
    }
}
