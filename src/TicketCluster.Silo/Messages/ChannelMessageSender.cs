using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Messages;
using TicketCluster.Grains.Messages;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Messages;

/// <summary>
/// Sends a message to the customer back through the ticket's channel: e-mail over SMTP (System.Net.Mail),
/// every other channel as a signed POST to that channel's gateway (the webhooks' signature scheme). The
/// message id travels as <see cref="MessageIdHeader"/> (and as the e-mail's <c>Message-ID</c>), so a
/// receiver drops a repeat. A 2xx or the mail server's acceptance is sent; anything else throws and the
/// delivery grain tries again.
/// </summary>
public sealed class ChannelMessageSender(MessageSettings settings, IHttpClientFactory clients, TimeProvider time) : IMessageSender
{
    public const string HttpClientName = "ticketcluster-messages";
    public const string MessageIdHeader = "X-TicketCluster-Message-Id";

    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel == Channel.Email)
        {
            await SendMailAsync(message, cancellationToken);
            return;
        }

        var gateway = settings.Gateways.GetValueOrDefault(message.Channel)
            ?? throw new InvalidOperationException($"No gateway is configured for the {message.Channel} channel.");
        var body = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(gateway.Secret, timestamp, body));
        request.Headers.Add(MessageIdHeader, message.Id);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The {message.Channel} gateway answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }

    private async Task SendMailAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var smtp = settings.Smtp ?? throw new InvalidOperationException("No SMTP server is configured for e-mail.");
        using var mail = new MailMessage(smtp.From, message.Recipient)
        {
            Subject = message.Subject,
            Body = message.Body,
            SubjectEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("Message-ID", $"<{message.Id.Replace(':', '.')}@ticketcluster>");
        mail.Headers.Add(MessageIdHeader, message.Id);
        mail.Headers.Add("Content-Language", message.Language);
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        await client.SendMailAsync(mail, cancellationToken);
    }
}
