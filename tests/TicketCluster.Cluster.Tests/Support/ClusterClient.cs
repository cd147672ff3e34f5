using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TicketCluster.Silo.Api;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// A gateway's view of the cluster: it sends each request to some node and, when the connection fails
/// (the node was killed or is stopping), tries the next one, as a load balancer would. A 503 with
/// <c>Retry-After</c> (the node lost the silo holding the grain, or its database) is sent again after that
/// delay when the request is safe to repeat — a read, an intake with its <c>Idempotency-Key</c>, a command
/// with <c>If-Match</c> — as the API asks its clients to do; any other HTTP answer is final.
/// </summary>
public sealed class ClusterClient(IReadOnlyList<Func<HttpClient?>> nodes)
{
    private int _next;

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var client = nodes[Interlocked.Increment(ref _next) % nodes.Count]();
            if (client is null)
            {
                continue;
            }

            try
            {
                using var message = request();
                var response = await client.SendAsync(message);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable
                    || response.Headers.RetryAfter?.Delta is not { } retryAfter
                    || !SafeToRepeat(message)
                    || DateTime.UtcNow + retryAfter >= deadline)
                {
                    return response;
                }

                response.Dispose();
                await Task.Delay(retryAfter);
                continue;
            }
            catch (HttpRequestException exception)
            {
                last = exception;
            }
            catch (TaskCanceledException exception)
            {
                last = exception;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No node answered.", last);
    }

    private static bool SafeToRepeat(HttpRequestMessage message) =>
        message.Method == HttpMethod.Get || message.Headers.Contains("Idempotency-Key") || message.Headers.IfMatch.Count > 0;

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? idempotencyKey = null) =>
        SendAsync(
            () =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: ApiJson.Options) };
                if (idempotencyKey is not null)
                {
                    message.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                return message;
            },
            TimeSpan.FromSeconds(60));

    public async Task<JsonElement?> GetJsonAsync(string path)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), TimeSpan.FromSeconds(60));
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
            : null;
    }
}
