using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using TicketCluster.Domain;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Messages;

/// <summary>A channel gateway: where messages for tickets of that channel are POSTed, and the HMAC key
/// that signs them.</summary>
public sealed record ChannelGateway(Channel Channel, Uri Url, string Secret);

/// <summary>The mail server e-mail tickets are answered through.</summary>
public sealed record SmtpSettings(string Host, int Port, string From)
{
    public bool EnableSsl { get; init; }
}

/// <summary>
/// <c>TicketCluster:Messages</c>: the customer messages' templates and default language, the gateways per
/// channel, the SMTP server for e-mail, and the retry of failing sends (docs/silo.md, Outbound messages).
/// </summary>
public sealed record MessageSettings(CustomerMessaging Messaging, ImmutableDictionary<Channel, ChannelGateway> Gateways, SmtpSettings? Smtp)
{
    public const string Section = "Messages";

    /// <summary>Reads and validates the section; every bad key is reported at once.</summary>
    /// <exception cref="SiloConfigurationException">A value is malformed.</exception>
    public static MessageSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SiloSettings.Section).GetSection(Section);
        var errors = new List<string>();
        var defaults = CustomerMessaging.None;

        var language = section["DefaultLanguage"] ?? defaults.DefaultLanguage;
        if (!CustomerLanguages.IsSupported(language))
        {
            errors.Add($"{section.Path}:DefaultLanguage: '{language}' is not one of {string.Join(", ", CustomerLanguages.Supported)}.");
            language = defaults.DefaultLanguage;
        }

        var templates = MessageTemplates.Default;
        foreach (var lang in section.GetSection("Templates").GetChildren())
        {
            if (!CustomerLanguages.IsSupported(lang.Key))
            {
                errors.Add($"{lang.Path}: '{lang.Key}' is not one of {string.Join(", ", CustomerLanguages.Supported)}.");
                continue;
            }

            foreach (var template in lang.GetChildren())
            {
                if (!Enum.TryParse<OutboundMessageKind>(template.Key.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind))
                {
                    errors.Add($"{template.Path}: '{template.Key}' is not a message kind (acknowledgement, information-request, reply, proposed-plan, resolution, survey).");
                    continue;
                }

                var text = template.Value ?? "";
                errors.AddRange(MessageTemplates.Validate(text).Select(e => $"{template.Path}: {e}."));
                templates = templates.With(lang.Key, kind, text);
            }
        }

        var gateways = ImmutableDictionary.CreateBuilder<Channel, ChannelGateway>();
        foreach (var gateway in section.GetSection("Gateways").GetChildren())
        {
            if (!Enum.TryParse<Channel>(gateway.Key.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var channel) || channel == Channel.Email)
            {
                errors.Add($"{gateway.Path}: '{gateway.Key}' is not a channel with a gateway (e-mail goes through Smtp).");
                continue;
            }

            var url = gateway["Url"];
            var secret = gateway["Secret"] ?? "";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0)
            {
                errors.Add($"{gateway.Path}:Url: must be an absolute http or https URL without user information.");
                continue;
            }

            if (secret.Length < WebhookSettingsBinder.MinSecretLength)
            {
                errors.Add($"{gateway.Path}:Secret: must be at least {WebhookSettingsBinder.MinSecretLength} characters.");
                continue;
            }

            gateways[channel] = new ChannelGateway(channel, uri, secret);
        }

        SmtpSettings? smtp = null;
        var smtpSection = section.GetSection("Smtp");
        if (smtpSection["Host"] is { Length: > 0 } host)
        {
            var from = smtpSection["From"] ?? "";
            if (!from.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"{smtpSection.Path}:From: must be an e-mail address.");
            }

            smtp = new SmtpSettings(host, WebhookSettingsBinder.Read(smtpSection, "Port", 25, errors), from)
            {
                EnableSsl = WebhookSettingsBinder.Read(smtpSection, "EnableSsl", false, errors),
            };
        }

        var messaging = defaults with
        {
            DefaultLanguage = language,
            Templates = templates,
            Channels = gateways.Keys.Concat(smtp is null ? [] : [Channel.Email]).ToFrozenSet(),
            MaxAttempts = WebhookSettingsBinder.Read(section, nameof(CustomerMessaging.MaxAttempts), defaults.MaxAttempts, errors),
            RetryDelay = WebhookSettingsBinder.Read(section, nameof(CustomerMessaging.RetryDelay), defaults.RetryDelay, errors),
            MaxRetryDelay = WebhookSettingsBinder.Read(section, nameof(CustomerMessaging.MaxRetryDelay), defaults.MaxRetryDelay, errors),
        };
        if (messaging.MaxAttempts < 1 || messaging.RetryDelay <= TimeSpan.Zero || messaging.MaxRetryDelay < messaging.RetryDelay)
        {
            errors.Add($"{section.Path}: MaxAttempts must be at least 1, RetryDelay positive and MaxRetryDelay at least RetryDelay.");
        }

        return errors.Count == 0 ? new MessageSettings(messaging, gateways.ToImmutable(), smtp) : throw new SiloConfigurationException(errors);
    }
}
