using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Webhooks;

namespace TicketCluster.Silo.Webhooks;

public static class WebhooksRegistration
{
    /// <summary>
    /// Reads <c>TicketCluster:Webhooks</c> (throwing <see cref="Configuration.SiloConfigurationException"/>
    /// naming every bad key) and registers: the subscriptions as <see cref="TicketSubscriptions"/>, which
    /// the ticket grains publish their events to; the <see cref="IWebhookSender"/> of the webhook feed grains;
    /// and its HTTP client, which connects only to addresses the settings allow, through
    /// no proxy, following no redirect, and logs no URL (a URL may carry a token).
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddWebhooks(WebhookSettingsBinder.Load(configuration));
    }

    /// <summary>Registers webhooks with settings already bound and validated.</summary>
    internal static IServiceCollection AddWebhooks(this IServiceCollection services, WebhookSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(new TicketSubscriptions(settings.Subscriptions.Select(s => new TicketSubscription(s.Id, s.EventTypes))));

        var connector = new GuardedConnector(AddressPolicy.From(settings));
        services.AddHttpClient(HttpWebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = connector.ConnectAsync,
                ConnectTimeout = settings.Timeout,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = settings.MaxConnectionsPerServer,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();

        // Registered even without subscriptions: events still owed to a removed one are dropped.
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        return services;
    }
}
