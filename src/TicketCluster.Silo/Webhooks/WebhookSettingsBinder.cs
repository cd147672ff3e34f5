using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using TicketCluster.Grains.Tickets;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// Binds <c>TicketCluster:Webhooks</c> by hand, as <see cref="SiloSettings"/> is bound: every malformed
/// value is reported with its full key, all at once, in a <see cref="SiloConfigurationException"/>.
/// </summary>
public static partial class WebhookSettingsBinder
{
    /// <summary>The shortest secret accepted: an HMAC key shorter than this is guessable.</summary>
    public const int MinSecretLength = 16;

    /// <summary>Reads and validates the section.</summary>
    /// <exception cref="SiloConfigurationException">A value is missing, malformed or refused; the message
    /// names each key.</exception>
    public static WebhookSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SiloSettings.Section).GetSection(WebhookSettings.Section);
        var errors = new List<string>();
        var settings = Bind(section, errors);
        errors.AddRange(settings.Validate(section.Path));
        return errors.Count == 0 ? settings : throw new SiloConfigurationException(errors);
    }

    private static WebhookSettings Bind(IConfigurationSection section, List<string> errors)
    {
        var defaults = new WebhookSettings();
        var retry = section.GetSection(nameof(WebhookSettings.Retry));
        var partial = new WebhookSettings
        {
            AllowLoopback = Read(section, nameof(WebhookSettings.AllowLoopback), defaults.AllowLoopback, errors),
            AllowPrivateAddresses = Read(section, nameof(WebhookSettings.AllowPrivateAddresses), defaults.AllowPrivateAddresses, errors),
            AllowedNetworks = ReadNetworks(section.GetSection(nameof(WebhookSettings.AllowedNetworks)), errors),
            Timeout = Read(section, nameof(WebhookSettings.Timeout), defaults.Timeout, errors),
            DeliveryBudget = Read(section, nameof(WebhookSettings.DeliveryBudget), defaults.DeliveryBudget, errors),
            MaxConnectionsPerServer = Read(section, nameof(WebhookSettings.MaxConnectionsPerServer), defaults.MaxConnectionsPerServer, errors),
            Retry = new WebhookRetrySettings
            {
                MaxRetryAttempts = Read(retry, nameof(WebhookRetrySettings.MaxRetryAttempts), defaults.Retry.MaxRetryAttempts, errors),
                BaseDelay = Read(retry, nameof(WebhookRetrySettings.BaseDelay), defaults.Retry.BaseDelay, errors),
                MaxDelay = Read(retry, nameof(WebhookRetrySettings.MaxDelay), defaults.Retry.MaxDelay, errors),
            },
        };

        var policy = AddressPolicy.From(partial);
        var subscriptions = ImmutableArray.CreateBuilder<WebhookSubscriptionSettings>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in section.GetSection(nameof(WebhookSettings.Subscriptions)).GetChildren())
        {
            var id = child[nameof(WebhookSubscriptionSettings.Id)];
            if (!string.IsNullOrEmpty(id) && !ids.Add(id))
            {
                errors.Add($"{child.Path}:{nameof(WebhookSubscriptionSettings.Id)}: '{id}' is used by another subscription.");
            }

            if (BindSubscription(child, policy, errors) is { } subscription)
            {
                subscriptions.Add(subscription);
            }
        }

        return new WebhookSettings
        {
            AllowLoopback = partial.AllowLoopback,
            AllowPrivateAddresses = partial.AllowPrivateAddresses,
            AllowedNetworks = partial.AllowedNetworks,
            Timeout = partial.Timeout,
            DeliveryBudget = partial.DeliveryBudget,
            MaxConnectionsPerServer = partial.MaxConnectionsPerServer,
            Retry = partial.Retry,
            Subscriptions = subscriptions.ToImmutable(),
        };
    }

    private static WebhookSubscriptionSettings? BindSubscription(IConfigurationSection section, AddressPolicy policy, List<string> errors)
    {
        int before = errors.Count;
        var id = section[nameof(WebhookSubscriptionSettings.Id)];
        if (string.IsNullOrEmpty(id) || !SubscriptionId().IsMatch(id))
        {
            errors.Add($"{section.Path}:{nameof(WebhookSubscriptionSettings.Id)}: '{id}' must be 1 to 64 letters, digits, '.', '_' or '-'.");
        }

        var rawUrl = section[nameof(WebhookSubscriptionSettings.Url)];
        Uri? url = null;
        if (!Uri.TryCreate(rawUrl, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{section.Path}:{nameof(WebhookSubscriptionSettings.Url)}: {Shown(rawUrl)} is not an absolute http or https URL without user information.");
        }
        else if (policy.RefusesLiteral(url.Host, out var kind))
        {
            errors.Add($"{section.Path}:{nameof(WebhookSubscriptionSettings.Url)}: '{url.Host}' is a {Describe(kind)} address; allow it with {Parent(section)}:{Allowance(kind)}.");
        }

        var secret = section[nameof(WebhookSubscriptionSettings.Secret)];
        if (secret is null || secret.Length < MinSecretLength)
        {
            // The value itself is never repeated: it is a secret, even when it is a bad one.
            errors.Add($"{section.Path}:{nameof(WebhookSubscriptionSettings.Secret)} must be at least {MinSecretLength} characters.");
        }

        var eventTypes = ImmutableArray.CreateBuilder<string>();
        foreach (var child in section.GetSection(nameof(WebhookSubscriptionSettings.EventTypes)).GetChildren())
        {
            if (child.Value is { } name && TicketEventNames.All.Contains(name))
            {
                eventTypes.Add(name);
            }
            else
            {
                errors.Add($"{child.Path}: '{child.Value}' is not a ticket event type (e.g. opened, acknowledged, escalated, resolved).");
            }
        }

        return errors.Count == before
            ? new WebhookSubscriptionSettings { Id = id!, Url = url!, Secret = secret!, EventTypes = eventTypes.ToImmutable() }
            : null;
    }

    /// <summary>A refused URL as an error message may show it: scheme and host only. User information,
    /// path and query may hold credentials (<c>https://user:secret@…</c>, <c>/hook/&lt;token&gt;</c>,
    /// <c>?token=…</c>) and are never repeated; a value that is not a URL at all is not repeated either.</summary>
    internal static string Shown(string? rawUrl) =>
        rawUrl is null ? "(missing)"
        : Uri.TryCreate(rawUrl, UriKind.Absolute, out var url) && !string.IsNullOrEmpty(url.Host) ? $"'{url.Scheme}://{url.Host}/…'"
        : "(a value that is not an absolute URL)";

    private static ImmutableArray<IPNetwork> ReadNetworks(IConfigurationSection section, List<string> errors)
    {
        var networks = ImmutableArray.CreateBuilder<IPNetwork>();
        foreach (var child in section.GetChildren())
        {
            if (IPNetwork.TryParse(child.Value, out var network))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add($"{child.Path}: '{child.Value}' is not a network in CIDR notation (e.g. 169.254.10.0/24).");
            }
        }

        return networks.ToImmutable();
    }

    internal static T Read<T>(IConfigurationSection section, string key, T fallback, List<string> errors)
        where T : IParsable<T>
    {
        var raw = section[key];
        if (raw is null)
        {
            return fallback;
        }

        if (T.TryParse(raw, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"{section.Path}:{key}: '{raw}' is not a valid {typeof(T).Name}.");
        return fallback;
    }

    private static string Parent(IConfigurationSection subscription) =>
        subscription.Path[..subscription.Path.LastIndexOf(":" + nameof(WebhookSettings.Subscriptions) + ":", StringComparison.Ordinal)];

    private static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => "loopback",
        AddressKind.LinkLocal => "link-local",
        AddressKind.Metadata => "cloud metadata",
        AddressKind.Unspecified => "unspecified",
        AddressKind.Private => "private",
        AddressKind.Reserved => "multicast or reserved",
        _ => "public",
    };

    private static string Allowance(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => nameof(WebhookSettings.AllowLoopback),
        AddressKind.Private => nameof(WebhookSettings.AllowPrivateAddresses),
        _ => nameof(WebhookSettings.AllowedNetworks),
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SubscriptionId();
}
