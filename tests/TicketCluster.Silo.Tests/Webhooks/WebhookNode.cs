using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Options;
using TicketCluster.Runtime.Outbox;
using TicketCluster.Runtime.Serialization;
using TicketCluster.Runtime.Storage;
using TicketCluster.Silo.Webhooks;
using TicketCluster.Testing;
using TicketCluster.Grains.Legacy;
using TicketGrain = TicketCluster.Grains.Legacy.TicketGrain;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>
/// The ticket grains and the webhook delivery handler on an in-memory runtime with a manual clock: the
/// test runs the outbox relay round by round and decides when leases end. The HTTP is real.
/// </summary>
public sealed class WebhookNode : IAsyncDisposable
{
    public const string Secret = "whsec-0123456789abcdef";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private readonly ServiceProvider _services;

    /// <param name="settings">The webhook settings.</param>
    /// <param name="realTimeBackoff">Gives the handler the system clock, so that its retry backoff
    /// (milliseconds in these settings) passes; otherwise it shares the manual clock, on which a backoff
    /// would never end.</param>
    public WebhookNode(WebhookSettings settings, bool realTimeBackoff = false)
    {
        Clock = new ManualTimeProvider();
        Storage = new InMemoryGrainStorage(Clock);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(realTimeBackoff ? TimeProvider.System : Clock);
        collection.AddSingleton<IGrainStateSerializer, JsonGrainStateSerializer>();
        collection.AddOptions<GrainRuntimeOptions>().Configure(o => o.Outbox.Lease = Lease);
        collection.AddWebhooks(settings);
        _services = collection.BuildServiceProvider();
        Handler = _services.GetServices<IOutboxDeliveryHandler>().Single();

        var options = new GrainRuntimeOptions { NodeId = "node-a" };
        options.Reminders.Enabled = false;
        options.Outbox.Enabled = false;
        options.Outbox.Lease = Lease;
        var grains = new GrainTypeRegistry().AddTicketGrains(TicketPolicy.Default, _services.GetRequiredService<TicketSubscriptions>());
        Runtime = new GrainRuntime(Storage, grains, options, Clock, serializer: _services.GetRequiredService<IGrainStateSerializer>(), deliveryHandlers: [Handler]);
    }

    public ManualTimeProvider Clock { get; }

    public InMemoryGrainStorage Storage { get; }

    public GrainRuntime Runtime { get; }

    public IOutboxDeliveryHandler Handler { get; }

    public IGrainStateSerializer Serializer => _services.GetRequiredService<IGrainStateSerializer>();

    /// <summary>Settings with one subscription to <paramref name="url"/>, loopback allowed unless said
    /// otherwise, retries quick.</summary>
    public static WebhookSettings Settings(Uri url, bool allowLoopback = true, int retries = 0, params string[] eventTypes) => new()
    {
        AllowLoopback = allowLoopback,
        Subscriptions = [new WebhookSubscriptionSettings { Id = "crm", Url = url, Secret = Secret, EventTypes = [.. eventTypes] }],
        Retry = new WebhookRetrySettings { MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    public GrainReference<TicketGrain> Ticket(string id) => Runtime.GetGrain<TicketGrain>(id);

    public async Task OpenAsync(string ticketId)
    {
        var outcome = await Ticket(ticketId).InvokeAsync(g => g.OpenAsync(OpenCommand(ticketId), null));
        Assert.True(outcome.IsAccepted, outcome.ToString());
    }

    public async Task AcknowledgeAsync(string ticketId)
    {
        var outcome = await Ticket(ticketId).InvokeAsync(g => g.ExecuteAsync(new AcknowledgeTicket("On it.") { Actor = new Actor("agent-7", ActorRole.Agent) }));
        Assert.True(outcome.IsAccepted, outcome.ToString());
    }

    /// <summary>The ticket's audit trail ids, in order.</summary>
    public async Task<IReadOnlyList<string>> EventIdsAsync(string ticketId) =>
        [.. (await Ticket(ticketId).InvokeAsync(g => g.GetEventsAsync())).Select(e => e.EventId)];

    public static OpenTicket OpenCommand(string ticketId) =>
        new(ticketId, Channel.App, "msg-" + ticketId,
            new CustomerInfo("C1", "张三", "13812341234", "zhangsan@example.com", "广东省深圳市南山区科技园1号", CustomerTier.Regular),
            new OrderInfo("O1", "M1", new Money(299m, "CNY"), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), null, []),
            TicketCategory.ProductQuality, Severity.Normal, RequestedOutcome.Refund, "The kettle leaks.", [])
        { Actor = new Actor("C1", ActorRole.Customer) };

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await Storage.DisposeAsync();
        await _services.DisposeAsync();
    }
}
