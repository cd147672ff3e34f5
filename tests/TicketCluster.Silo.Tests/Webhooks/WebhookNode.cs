using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Webhooks;
using TicketCluster.Silo.Webhooks;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>
/// The node's webhook sender (<see cref="HttpWebhookSender"/>) as the node registers it, with a manual clock,
/// fed hand-made events of ticket <c>tk-1</c> in the order a feed sends them. The HTTP is real.
/// </summary>
public sealed class WebhookNode : IAsyncDisposable
{
    public const string Secret = "whsec-0123456789abcdef";

    private readonly ServiceProvider _services;

    /// <param name="settings">The webhook settings.</param>
    /// <param name="realTimeBackoff">Gives the sender the system clock, so that its retry backoff
    /// (milliseconds in these settings) passes; otherwise it has the manual clock, on which a backoff
    /// would never end.</param>
    public WebhookNode(WebhookSettings settings, bool realTimeBackoff = false)
    {
        Clock = new ManualTimeProvider();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(realTimeBackoff ? TimeProvider.System : Clock);
        collection.AddWebhooks(settings);
        _services = collection.BuildServiceProvider();
        Sender = _services.GetRequiredService<IWebhookSender>();
    }

    public ManualTimeProvider Clock { get; }

    public IWebhookSender Sender { get; }

    /// <summary>Settings with one subscription to <paramref name="url"/>, loopback allowed unless said
    /// otherwise, retries quick.</summary>
    public static WebhookSettings Settings(Uri url, bool allowLoopback = true, int retries = 0, params string[] eventTypes) => new()
    {
        AllowLoopback = allowLoopback,
        Subscriptions = [new WebhookSubscriptionSettings { Id = "crm", Url = url, Secret = Secret, EventTypes = [.. eventTypes] }],
        Retry = new WebhookRetrySettings { MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) },
    };

    /// <summary>Sends the <c>acknowledged</c> events of <paramref name="sequences"/> to
    /// <paramref name="subscription"/> one after the other, as a feed does: a failed one stops the rest.</summary>
    public async Task SendAsync(string subscription, params long[] sequences)
    {
        foreach (var sequence in sequences)
        {
            await Sender.SendAsync(subscription, Event(sequence), CancellationToken.None);
        }
    }

    /// <summary>An <c>acknowledged</c> event of ticket <c>tk-1</c>.</summary>
    public TicketEvent Event(long sequence) => new TicketAcknowledged($"Reply {sequence}")
    {
        TicketId = "tk-1",
        Sequence = sequence,
        At = Clock.GetUtcNow(),
        Actor = new Actor("agent-7", ActorRole.Agent),
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
