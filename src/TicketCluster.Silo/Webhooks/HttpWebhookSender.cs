using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;
using TicketCluster.Grains.Webhooks;
using TicketCluster.Silo.Api;

namespace TicketCluster.Silo.Webhooks;

/// <summary>
/// Posts the events of a webhook feed (<see cref="WebhookFeedGrain"/>: one subscription, one ticket, in
/// sequence order) one at a time, each signed (<see cref="WebhookSignature"/>). A 2xx answer delivers the
/// event. 5xx, 408, 429, timeouts and connection errors are retried with exponential backoff and jitter;
/// when the retries or the <see cref="WebhookSettings.DeliveryBudget"/> are spent, or the answer is another
/// status, the send throws and the feed keeps the event to send again (later events wait behind it, so they
/// never overtake). Receivers deduplicate on the event id.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender
{
    public const string HttpClientName = "TicketCluster.Webhooks";

    private static readonly ResiliencePropertyKey<string> SubscriptionKey = new("ticketcluster.webhook.subscription");
    private static readonly ResiliencePropertyKey<string> EventKey = new("ticketcluster.webhook.event");

    private readonly WebhookSettings _settings;
    private readonly FrozenDictionary<string, WebhookSubscriptionSettings> _subscriptions;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public HttpWebhookSender(WebhookSettings settings, IHttpClientFactory clients, TimeProvider time, ILogger<HttpWebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _subscriptions = settings.Subscriptions.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _clients = clients;
        _time = time;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    public async Task SendAsync(string subscriptionId, TicketEvent ticketEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketEvent);
        if (!_subscriptions.TryGetValue(subscriptionId, out var subscription))
        {
            // Removed from the configuration: nobody is left to deliver to; the event counts as sent.
            WebhookLog.SubscriptionGone(_logger, subscriptionId, 1);
            return;
        }

        using var budget = new CancellationTokenSource(_settings.DeliveryBudget, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var e = ticketEvent;
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookEvent.For(subscription.Id, e), ApiJson.Options);
        var context = ResilienceContextPool.Shared.Get(bounded.Token);
        context.Properties.Set(SubscriptionKey, subscription.Id);
        context.Properties.Set(EventKey, e.EventId);
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async ctx => await SendAsync(subscription, e.EventId, TicketEventNames.NameOf(e), body, ctx.CancellationToken),
                context);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                WebhookLog.Delivered(_logger, subscription.Id, e.EventId, status);
                return;
            }

            WebhookLog.Refused(_logger, subscription.Id, e.EventId, status);
            throw new HttpRequestException($"Webhook {subscription.Id} answered event {e.EventId} with {status}.", null, response.StatusCode);
        }
        catch (Exception exception) when (FindRefusal(exception) is { } refusal)
        {
            WebhookLog.AddressRefused(_logger, subscription.Id, refusal.Host, refusal.Kind, refusal.Address.ToString());
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(WebhookSubscriptionSettings subscription, string eventId, string eventType, byte[] body, CancellationToken cancellationToken)
    {
        // Signed per attempt: a retry carries a fresh timestamp, so a receiver's replay window holds.
        long timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(subscription.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.EventIdHeader, eventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, eventType);
        var client = _clients.CreateClient(HttpClientName);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var retry = _settings.Retry;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(retry.MaxRetryAttempts, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(retry.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    var outcome = args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?";
                    args.Outcome.Result?.Dispose();
                    WebhookLog.Retrying(
                        _logger,
                        args.Context.Properties.GetValue(SubscriptionKey, "?"),
                        args.AttemptNumber + 1,
                        args.Context.Properties.GetValue(EventKey, "?"),
                        outcome,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_settings.Timeout)
            .Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => (int)response.StatusCode >= 500
            || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException exception } => FindRefusal(exception) is null,
        _ => false,
    };

    private static WebhookAddressRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is WebhookAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
