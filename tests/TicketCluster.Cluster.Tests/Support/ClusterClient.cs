using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TicketCluster.Silo.Api;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// A gateway's view of the cluster: it sends each request to some node and, when the connection fails
/// (the node was killed or is stopping), tries the next one. Only connection failures are retried, as a
/// load balancer would; an HTTP answer is final.
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
                return await client.SendAsync(message);
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
