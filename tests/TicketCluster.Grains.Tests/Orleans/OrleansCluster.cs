using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Messages;
using TicketCluster.Grains.Hosting;
using TicketCluster.Grains.Interfaces;
using TicketCluster.Grains.Serialization;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Webhooks;
using TicketCluster.Testing;

namespace TicketCluster.Grains.Tests.Orleans;

/// <summary>
/// The grains on an in-process Orleans cluster of one or more silos: grain storage named
/// <see cref="GrainTypes.StorageName"/> on Orleans' memory storage, keeping JSON written with
/// <see cref="DomainJson"/> as the project's providers will; the in-memory reminder service. Grains see
/// the manual <see cref="Clock"/>; a ticket write records its intake keys and is refused for a key another
/// ticket holds (<see cref="IntakeKeyTable"/>); Orleans' background areas (membership, messaging, the reminder service)
/// stay on real time. The one place to swap in the project's storage and reminder providers.
/// </summary>
public sealed class OrleansCluster : IAsyncDisposable
{
    private const string MemoryStorageName = "memory";

    private OrleansCluster(InProcessTestCluster cluster, ManualTimeProvider clock, RecordingWebhookSender webhooks, IntakeKeyTable intakeKeys, GatedMessageSender messages)
    {
        Messages = messages;
        Cluster = cluster;
        Clock = clock;
        Webhooks = webhooks;
        IntakeKeys = intakeKeys;
    }

    public InProcessTestCluster Cluster { get; }

    public ManualTimeProvider Clock { get; }

    public RecordingWebhookSender Webhooks { get; }

    /// <summary>The messages to customers as the delivery grains sent them (none are queued unless the
    /// cluster was started with a <see cref="CustomerMessaging"/> naming channels).</summary>
    public GatedMessageSender Messages { get; }

    /// <summary>The intake keys the ticket writes recorded (the provider's <c>idempotency</c> table).</summary>
    public IntakeKeyTable IntakeKeys { get; }

    /// <summary>The cluster's client.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <param name="subscriptions">The webhook subscriptions every ticket publishes to; none by default.</param>
    public static async Task<OrleansCluster> StartAsync(short silos = 1, TicketSubscriptions? subscriptions = null, CustomerMessaging? messaging = null)
    {
        var messages = new GatedMessageSender();
        var clock = new ManualTimeProvider();
        var webhooks = new RecordingWebhookSender();
        var intakeKeys = new IntakeKeyTable();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(MemoryStorageName, o => o.GrainStorageSerializer = new DomainJsonStorageSerializer());
            silo.Services.AddKeyedSingleton(GrainTypes.StorageName, (sp, _) => intakeKeys.Over(sp.GetRequiredKeyedService<IGrainStorage>(MemoryStorageName)));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.Services.AddSingleton(subscriptions ?? TicketSubscriptions.None);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.Services.AddTicketClusterGrains();
            silo.Services.AddSingleton<IWebhookSender>(webhooks);
            silo.Services.AddSingleton(messaging ?? CustomerMessaging.None);
            silo.Services.AddSingleton<IMessageSender>(messages);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddDomainJson()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new OrleansCluster(cluster, clock, webhooks, intakeKeys, messages);
    }

    public ITicketGrain Ticket(string id) => Grains.GetGrain<ITicketGrain>(id);

    /// <summary>The grain factory of silo <paramref name="index"/>: its calls leave from that silo.</summary>
    public IGrainFactory GrainsOn(int index) => Cluster.Silos[index].ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>The reminder table the silos share.</summary>
    public IReminderTable ReminderTable => Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    /// <summary>A ticket's reminders as the reminder table holds them, by name.</summary>
    public async Task<Dictionary<string, ReminderEntry>> RemindersAsync(string ticketId) =>
        (await ReminderTable.ReadRows(GrainId.Create(GrainTypes.Ticket, ticketId))).Reminders.ToDictionary(r => r.ReminderName);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        IntakeKeys.Dispose();
    }

    /// <summary>Grain state as JSON with the Domain's options, as the project's providers store it.</summary>
    private sealed class DomainJsonStorageSerializer : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, DomainJson.Options));

        public T Deserialize<T>(BinaryData input) =>
            JsonSerializer.Deserialize<T>(input.ToMemory().Span, DomainJson.Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
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
