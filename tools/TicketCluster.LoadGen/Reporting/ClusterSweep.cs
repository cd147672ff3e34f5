using TicketCluster.Client;
using TicketCluster.LoadGen.Lifecycle;
using TicketCluster.LoadGen.Mix;
using TicketCluster.LoadGen.Running;

namespace TicketCluster.LoadGen.Reporting;

/// <summary>
/// What the cluster itself says after the run. The silo exports its metrics only over OTLP (no scrape
/// endpoint), so the generator reads the tickets: a sample of the created ones, each clock's state.
/// Reminder lateness is not visible through the API (a ticket shows when a clock breached, not when its
/// reminder fired), so it is reported as not available.
/// </summary>
public static class ClusterSweep
{
    public const string LatenessNote = "Reminder lateness is not exposed by the API (the silo exports metrics over OTLP only); read it from ticketcluster.* metrics in the collector.";

    public static async Task<ClusterSection> ReadAsync(ClientPool clients, IReadOnlyCollection<string> created, int sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(created);
        var ids = Sample(created, sample);
        var byClock = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var bySeverity = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long read = 0;
        long failed = 0;
        using var gate = new SemaphoreSlim(8);
        var lockObject = new Lock();
        await Task.WhenAll(ids.Select(async id =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var client = await clients.NextAsync(LoadRole.Agent, null, cancellationToken).ConfigureAwait(false);
                var ticket = await client.GetTicketAsync(id, cancellationToken).ConfigureAwait(false);
                lock (lockObject)
                {
                    read++;
                    foreach (var breached in ticket.Deadlines.Where(d => d.BreachedAt is not null))
                    {
                        Add(byClock, LoadMix.NameOf(breached.Clock));
                        Add(bySeverity, LoadMix.NameOf(ticket.Severity));
                    }
                }
            }
            catch (Exception error) when (error is TicketClusterProblemException or HttpRequestException or OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
        return new ClusterSection(read, failed, byClock.Values.Sum(), byClock, bySeverity, null, LatenessNote);
    }

    /// <summary>At most <paramref name="sample"/> ids, evenly spread over the run.</summary>
    internal static IReadOnlyList<string> Sample(IReadOnlyCollection<string> ids, int sample)
    {
        var all = ids.ToArray();
        if (all.Length <= sample)
        {
            return all;
        }

        return [.. Enumerable.Range(0, sample).Select(i => all[(int)((long)i * all.Length / sample)])];
    }

    private static void Add(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
