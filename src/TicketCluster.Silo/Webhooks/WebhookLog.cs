using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Webhooks;

/// <summary>The webhook log catalogue (event ids 5100–5199). Lines name subscriptions, event ids and
/// status codes; never bodies, secrets or personal data.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Webhook subscriptions: {Count}")]
    public static partial void Configured(ILogger logger, int count);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Webhook {Subscription} accepted event {EventId} ({Status})")]
    public static partial void Delivered(ILogger logger, string subscription, string eventId, int status);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Webhook {Subscription}: attempt {Attempt} for event {EventId} failed ({Outcome}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string subscription, int attempt, string eventId, string outcome, TimeSpan delay);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Webhook {Subscription} refused event {EventId} with {Status}; it stays in the outbox")]
    public static partial void Refused(ILogger logger, string subscription, string eventId, int status);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Webhook {Subscription}: {Host} resolves to a {Kind} address ({Address}), which is not allowed; the events stay in the outbox")]
    public static partial void AddressRefused(ILogger logger, string subscription, string host, AddressKind kind, string address);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "Webhook subscription {Subscription} is no longer configured; {Count} pending events for it are dropped")]
    public static partial void SubscriptionGone(ILogger logger, string subscription, int count);
}
