using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.TestingHost;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Messages;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Webhooks;
using TicketCluster.Storage;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Testing;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// The grains on an in-process Orleans cluster of one or more silos over the SQLite node's storage: the
/// project's grain storage provider named <see cref="GrainTypes.StorageName"/>
/// (<c>AddTicketClusterSqliteStorage</c>: state, query row and intake keys in one transaction) and the
/// project's reminder table (<c>UseSqliteReminderService</c>), on one database file in a temporary
/// directory of the cluster's own. Grains see the manual <see cref="Clock"/>; Orleans' background areas
/// (membership, messaging, the reminder service) stay on real time.
/// </summary>
public sealed class OrleansCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private OrleansCluster(InProcessTestCluster cluster, ManualTimeProvider clock, RecordingWebhookSender webhooks, GatedMessageSender messages, DirectoryInfo directory, string connectionString)
    {
        Messages = messages;
        Cluster = cluster;
        Clock = clock;
        Webhooks = webhooks;
        _directory = directory;
        ConnectionString = connectionString;
    }

    public InProcessTestCluster Cluster { get; }

    public ManualTimeProvider Clock { get; }

    public RecordingWebhookSender Webhooks { get; }

    /// <summary>The cluster's SQLite database.</summary>
    public string ConnectionString { get; }

    /// <summary>The messages to customers as the delivery grains sent them (none are queued unless the
    /// cluster was started with a <see cref="CustomerMessaging"/> naming channels).</summary>
    public GatedMessageSender Messages { get; }

    /// <summary>The cluster's client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The ticket query table as the API reads it (the provider of silo 0).</summary>
    public ITicketQueries Queries => Cluster.Silos[0].ServiceProvider.GetRequiredService<ITicketQueries>();

    /// <summary>The intake keys the ticket writes recorded (the provider's <c>idempotency</c> table).</summary>
    public IIntakeKeyLookup IntakeKeys => Cluster.Silos[0].ServiceProvider.GetRequiredService<IIntakeKeyLookup>();

    /// <param name="subscriptions">The webhook subscriptions every ticket publishes to; none by default.</param>
    /// <param name="messaging">How tickets message their customers; none by default.</param>
    /// <param name="configure">Replaces services of each silo after the defaults (a failing reminder table).</param>
    public static async Task<OrleansCluster> StartAsync(short silos = 1, TicketSubscriptions? subscriptions = null, CustomerMessaging? messaging = null, Action<ISiloBuilder>? configure = null)
    {
        var messages = new GatedMessageSender();
        var clock = new ManualTimeProvider();
        var webhooks = new RecordingWebhookSender();
        var directory = Directory.CreateTempSubdirectory("tc-grains-");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "node.db") }.ConnectionString;
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTicketClusterSqliteStorage(connectionString);
            silo.UseSqliteReminderService(connectionString);
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.AddSingleton(subscriptions ?? TicketSubscriptions.None);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddTicketClusterGrains();
            silo.Services.AddSingleton<IWebhookSender>(webhooks);
            silo.Services.AddSingleton(messaging ?? CustomerMessaging.None);
            silo.Services.AddSingleton<IMessageSender>(messages);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddDomainJson()));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            Delete(directory);
            throw;
        }

        return new OrleansCluster(cluster, clock, webhooks, messages, directory, connectionString);
    }

    public ITicketGrain Ticket(string id) => Grains.GetGrain<ITicketGrain>(id);

    /// <summary>The grain factory of silo <paramref name="index"/>: its calls leave from that silo.</summary>
    public IGrainFactory GrainsOn(int index) => Cluster.Silos[index].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The reminder table the silos share.</summary>
    public IReminderTable ReminderTable => Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    /// <summary>A ticket's reminders as the reminder table holds them, by name.</summary>
    public async Task<Dictionary<string, ReminderEntry>> RemindersAsync(string ticketId) =>
        (await ReminderTable.ReadRows(GrainId.Create(GrainTypes.Ticket, ticketId))).Reminders.ToDictionary(r => r.ReminderName);

    /// <summary>A ticket's row in the query table, or null.</summary>
    public Task<TicketQueryRow?> RowAsync(string ticketId) => Queries.ReadTicketRowAsync(ticketId, CancellationToken.None);

    /// <summary>The stored version of a grain's state (its ETag), or null when none is stored.</summary>
    public long? StoredVersion(string grainType, string grainKey) => StoredColumn("version", grainType, grainKey) is long version ? version : null;

    /// <summary>The stored state of a grain as JSON text, or null when none is stored.</summary>
    public string? StoredJson(string grainType, string grainKey) =>
        StoredColumn("state", grainType, grainKey) is byte[] state ? System.Text.Encoding.UTF8.GetString(state) : null;

    /// <summary>The stored state of a grain, read as the grain reads it (<see cref="Serialization.DomainJson.Options"/>).</summary>
    public T StoredState<T>(string grainType, string grainKey) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(StoredJson(grainType, grainKey) ?? throw new InvalidOperationException($"No state stored for {grainType}/{grainKey}."), Serialization.DomainJson.Options)!;

    /// <summary>Polls <paramref name="condition"/> every 20 ms until it holds or 30 s have passed; the caller
    /// asserts what it waited for.</summary>
    public static Task WaitUntilAsync(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()));
    }

    /// <summary>As <see cref="WaitUntilAsync(Func{bool})"/>, for a condition that reads asynchronously.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private object? StoredColumn(string column, string grainType, string grainKey)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM grain_state WHERE grain_type = $type AND grain_key = $key";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$key", grainKey);
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Delete(_directory);
    }

    private static void Delete(DirectoryInfo directory)
    {
        using (var file = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "node.db") }.ConnectionString))
        {
            SqliteConnection.ClearPool(file);
        }

        directory.Delete(recursive: true);
    }
}

/// <summary>Webhook events as the feeds sent them, in order; a test awaits a count instead of sleeping.</summary>
public sealed class RecordingWebhookSender : IWebhookSender
{
    private readonly RecordedList<(string SubscriptionId, TicketEvent Event)> _sent = new();

    public IReadOnlyList<(string SubscriptionId, TicketEvent Event)> Sent => _sent.Items;

    /// <summary>Completes once <paramref name="count"/> events were sent.</summary>
    public Task WaitForAsync(int count) => _sent.WaitForAsync(count);

    public Task SendAsync(string subscriptionId, TicketEvent ticketEvent, CancellationToken cancellationToken)
    {
        _sent.Add((subscriptionId, ticketEvent));
        return Task.CompletedTask;
    }
}

/// <summary>A test class with a fresh <see cref="OrleansCluster"/> of <paramref name="silos"/> silos per test.</summary>
public abstract class OrleansClusterTests(short silos = 1, TicketSubscriptions? subscriptions = null) : IAsyncLifetime
{
    protected OrleansCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await OrleansCluster.StartAsync(silos, subscriptions);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
