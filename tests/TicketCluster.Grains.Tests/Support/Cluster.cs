using System.Collections.Immutable;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Testing.Postgres;
using TicketCluster.Grains.Legacy;

namespace TicketCluster.Grains.Tests.Support;

/// <summary>
/// Several runtimes (nodes) in one test process sharing one PostgreSQL database, each with its own
/// storage connection pool, on the system clock: due-ness and leases are the database's.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<(GrainRuntime Runtime, IGrainStorage Storage)> _nodes = [];

    private Cluster(string connectionString, TicketPolicy policy)
    {
        ConnectionString = connectionString;
        Policy = policy;
    }

    public string ConnectionString { get; }

    public TicketPolicy Policy { get; }

    public IReadOnlyList<GrainRuntime> Nodes => [.. _nodes.Select(n => n.Runtime)];

    /// <summary>A bound on real time for awaiting the cluster, so a broken test fails instead of hanging.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    public static async Task<Cluster> CreateAsync(PostgresServer server, TicketPolicy policy)
    {
        var database = await server.CreateDatabaseAsync("grains");
        await using (var storage = new PostgresGrainStorage(database))
        {
            await storage.EnsureSchemaAsync(CancellationToken.None);
        }

        return new Cluster(database, policy);
    }

    /// <summary>Starts a node; background reminder dispatch and outbox relay are on unless configured off.</summary>
    public async Task<GrainRuntime> StartNodeAsync(string node, Action<GrainRuntimeOptions>? configure = null)
    {
        var options = new GrainRuntimeOptions { NodeId = node };
        options.Reminders.MaxPollInterval = TimeSpan.FromMilliseconds(50);
        options.Reminders.Lease = TimeSpan.FromSeconds(5);
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options);
        var storage = new PostgresGrainStorage(ConnectionString);
        var runtime = new GrainRuntime(storage, new GrainTypeRegistry().AddTicketGrains(Policy), options);
        await runtime.StartAsync(CancellationToken.None);
        _nodes.Add((runtime, storage));
        return runtime;
    }

    /// <summary>Drops a node without a graceful stop: its claims stay held until their lease expires.</summary>
    public async Task CrashNodeAsync(GrainRuntime runtime)
    {
        var index = _nodes.FindIndex(n => n.Runtime == runtime);
        var (_, storage) = _nodes[index];
        _nodes.RemoveAt(index);
        await runtime.DisposeAsync();
        await storage.DisposeAsync();
    }

    public PostgresGrainStorage OpenStorage() => new(ConnectionString);

    public static OpenTicket Open(string ticketId, Severity severity, string customerId, string merchantId) =>
        new(ticketId, Channel.App, "msg-" + ticketId, GrainHarness.Customer(customerId), GrainHarness.Order("O-" + ticketId, merchantId),
            TicketCategory.ProductQuality, severity, RequestedOutcome.Refund, "The kettle leaks.", ImmutableArray<EvidenceItem>.Empty)
        { Actor = new Actor(customerId, ActorRole.Customer) };

    public Task WaitForNoRemindersAsync() => WaitForStatisticsAsync(s => s.RemindersPending == 0);

    public Task WaitForEmptyOutboxAsync() => WaitForStatisticsAsync(s => s.OutboxPending == 0);

    /// <summary>
    /// Waits until the storage's statistics satisfy <paramref name="condition"/>, checking after each
    /// reminder or outbox round of any node (the rounds are what changes them), within <see cref="Patience"/>.
    /// </summary>
    public async Task WaitForStatisticsAsync(Func<StorageStatistics, bool> condition)
    {
        await using var storage = OpenStorage();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checking = 0;
        async void Check(int claimed)
        {
            if (Interlocked.Exchange(ref checking, 1) == 1)
            {
                return;
            }

            try
            {
                if (condition(await storage.ReadStatisticsAsync(CancellationToken.None)))
                {
                    done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
            finally
            {
                Volatile.Write(ref checking, 0);
            }
        }

        var nodes = Nodes;
        foreach (var node in nodes)
        {
            node.Events.ReminderRoundCompleted += Check;
            node.Events.OutboxRoundCompleted += Check;
        }

        try
        {
            await done.Task.WaitAsync(Patience);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Events.ReminderRoundCompleted -= Check;
                node.Events.OutboxRoundCompleted -= Check;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (runtime, storage) in _nodes)
        {
            await runtime.DisposeAsync();
            await storage.DisposeAsync();
        }

        _nodes.Clear();
    }
}
