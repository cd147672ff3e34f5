using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Messages;

namespace TicketCluster.Silo.Messages;

public static class MessagesRegistration
{
    /// <summary>
    /// Reads <c>TicketCluster:Messages</c> (throwing <see cref="Configuration.SiloConfigurationException"/>
    /// naming every bad key) and registers the <see cref="CustomerMessaging"/> the ticket grains queue messages
    /// with, and the <see cref="IMessageSender"/> of the delivery grains with its HTTP client (no proxy, no
    /// redirects, no cookies; each attempt bounded to 30 s).
    /// </summary>
    public static IServiceCollection AddCustomerMessages(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = MessageSettings.Load(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Messaging);
        services.AddHttpClient(ChannelMessageSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        services.AddSingleton<IMessageSender, ChannelMessageSender>();
        return services;
    }
}
