using System.Collections.Immutable;
using System.Net;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// Webhook subscriptions and how events reach them (section <c>TicketCluster:Webhooks</c>), bound and
/// validated at start-up by <see cref="WebhookSettingsBinder"/>.
/// </summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    public ImmutableArray<WebhookSubscriptionSettings> Subscriptions { get; init; } = [];

    /// <summary>Deliver to loopback addresses (127.0.0.0/8, ::1). Default false: a subscription is refused
    /// when its host resolves to one. For development and tests.</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>Deliver to private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Default
    /// false.</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Networks (CIDR) delivered to whatever their kind, e.g. one link-local range of a sidecar.
    /// Default none.</summary>
    public ImmutableArray<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>The bound of one attempt (connect, send, response headers). Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The bound of delivering one claimed batch with all its retries; it must end before the
    /// outbox lease does, or another node could deliver the same feed at the same time. Default 40 s.</summary>
    public TimeSpan DeliveryBudget { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Connections per receiving server. Default 16.</summary>
    public int MaxConnectionsPerServer { get; init; } = 16;

    public WebhookRetrySettings Retry { get; init; } = new();

    internal IEnumerable<string> Validate(string prefix)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(Timeout)} must be positive.";
        }

        if (DeliveryBudget < Timeout)
        {
            yield return $"{prefix}:{nameof(DeliveryBudget)} must be at least {prefix}:{nameof(Timeout)}.";
        }

        if (MaxConnectionsPerServer < 1)
        {
            yield return $"{prefix}:{nameof(MaxConnectionsPerServer)} must be at least 1.";
        }

        foreach (var error in Retry.Validate($"{prefix}:{nameof(Retry)}"))
        {
            yield return error;
        }
    }
}

/// <summary>Retries within one delivery: exponential backoff with jitter, for 5xx, 408, 429, timeouts
/// and connection errors. When they are spent the messages stay in the outbox and are delivered again
/// after the outbox lease.</summary>
public sealed class WebhookRetrySettings
{
    /// <summary>Retries after the first attempt. Default 3.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>The median delay before the first retry; it doubles with each retry. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two attempts. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    internal IEnumerable<string> Validate(string prefix)
    {
        if (MaxRetryAttempts is < 0 or > 20)
        {
            yield return $"{prefix}:{nameof(MaxRetryAttempts)} must lie between 0 and 20.";
        }

        if (BaseDelay <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(BaseDelay)} must be positive.";
        }

        if (MaxDelay < BaseDelay)
        {
            yield return $"{prefix}:{nameof(MaxDelay)} must be at least {prefix}:{nameof(BaseDelay)}.";
        }
    }
}

/// <summary>One subscriber: where to POST, the secret that signs the bodies, and the event names it
/// wants (as the audit trail spells them; empty: all).</summary>
public sealed class WebhookSubscriptionSettings
{
    public required string Id { get; init; }

    public required Uri Url { get; init; }

    /// <summary>The HMAC-SHA256 key, at least 16 characters. Never logged.</summary>
    public required string Secret { get; init; }

    public ImmutableArray<string> EventTypes { get; init; } = [];

    public override string ToString() => $"{Id} -> {Url.GetLeftPart(UriPartial.Authority)}";
}
