using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TicketCluster.Silo.Webhooks;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string? Timestamp, string? Signature, string? EventId, string? EventType, string? ContentType, byte[] Body)
{
    /// <summary>The <c>X-TicketCluster-Message-Id</c> header of a message delivered to a channel gateway.</summary>
    public string? MessageId { get; init; }

    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public bool IsSignedWith(string secret) => WebhookSignature.Verify(secret, Timestamp, Signature, Body);
}

/// <summary>
/// A real webhook receiver: Kestrel on a free loopback port, recording every request and answering with
/// what <see cref="Respond"/> says (200 by default). Tests wait on <see cref="WaitForAsync"/>, which is
/// completed by the request that makes its condition true, not by polling.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly List<(Func<IReadOnlyList<ReceivedWebhook>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(new Uri(address), "/hooks/tickets");
    }

    public Uri Url { get; }

    /// <summary>The answer to a request, given the request and how many came before it.</summary>
    public Func<ReceivedWebhook, int, HttpContext, Task<int>> Respond { get; set; } = (_, _, _) => Task.FromResult(StatusCodes.Status200OK);

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Event ids in the order they first arrived (a redelivered event counts once).</summary>
    public IReadOnlyList<string> DistinctEventIds => [.. Received.Select(r => r.EventId!).Distinct()];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hooks/tickets", async context => await receiver!.HandleAsync(context));
        await app.StartAsync();
        receiver = new WebhookReceiver(app);
        return receiver;
    }

    /// <summary>Completes once the requests received satisfy <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_received))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers;
        var request = new ReceivedWebhook(
            headers[WebhookSignature.TimestampHeader],
            headers[WebhookSignature.SignatureHeader],
            headers[WebhookSignature.EventIdHeader],
            headers[WebhookSignature.EventTypeHeader],
            context.Request.ContentType,
            body.ToArray())
        {
            MessageId = headers["X-TicketCluster-Message-Id"],
        };
        int index;
        List<TaskCompletionSource> satisfied;
        lock (_gate)
        {
            index = _received.Count;
            _received.Add(request);
            satisfied = [.. _waiters.Where(w => w.Condition(_received)).Select(w => w.Done)];
            _waiters.RemoveAll(w => satisfied.Contains(w.Done));
        }

        foreach (var done in satisfied)
        {
            done.TrySetResult();
        }

        context.Response.StatusCode = await Respond(request, index, context);
    }
}
