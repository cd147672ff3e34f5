using System.Collections.Concurrent;
using System.Net.Http.Headers;
using TicketCluster.Client;
using TicketCluster.Client.Contracts;
using TicketCluster.LoadGen.Lifecycle;
using TicketCluster.LoadGen.Tokens;

namespace TicketCluster.LoadGen.Running;

/// <summary>
/// Typed clients per node, role and merchant over one connection pool. Requests go round-robin over
/// the nodes, as a load balancer without affinity would send them.
/// </summary>
public sealed class ClientPool : IDisposable
{
    private readonly SocketsHttpHandler _handler = new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = int.MaxValue,
    };

    private readonly IReadOnlyList<Uri> _urls;
    private readonly ITokenSource _tokens;
    private readonly TimeSpan _timeout;
    private readonly ConcurrentDictionary<(int, LoadRole, string?), Lazy<Task<(HttpClient Http, TicketClusterClient Client)>>> _clients = new();
    private long _next;

    public ClientPool(IReadOnlyList<Uri> urls, ITokenSource tokens, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentOutOfRangeException.ThrowIfZero(urls.Count);
        _urls = [.. urls.Select(u => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/"))];
        _tokens = tokens;
        _timeout = timeout;
    }

    /// <summary>A client of the next node for <paramref name="role"/>.</summary>
    public async Task<TicketClusterClient> NextAsync(LoadRole role, string? merchantId, CancellationToken cancellationToken)
    {
        var node = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_urls.Count);
        var key = (node, role, role == LoadRole.Merchant ? merchantId : null);
        // The client is shared by every later caller, so one caller's cancellation must not poison it: the
        // token is fetched without it (the token sources bound their own time), and only the wait is cancelled.
        var entry = _clients.GetOrAdd(key, k => new(() => CreateAsync(k.Item1, k.Item2, k.Item3, CancellationToken.None)));
        return (await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false)).Client;
    }

    /// <summary>
    /// Readies the intake client of every node before the schedule starts: its token signed, a connection
    /// open, the client's request and problem paths run once by reading a ticket that does not exist
    /// (a 404, no side effect), and the JSON contracts of a submission and a ticket built. Otherwise the first intakes would wait for the generator's own start-up
    /// (token signing, JIT, connection set-up: up to a second on a busy machine) and report it as the
    /// cluster's latency. A node that does not answer here is left to the run to report.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        ClientJson.Options.GetTypeInfo(typeof(TicketSubmission));
        ClientJson.Options.GetTypeInfo(typeof(TicketView));
        for (var i = 0; i < _urls.Count; i++)
        {
            var client = await NextAsync(LoadRole.Channel, null, cancellationToken).ConfigureAwait(false);
            try
            {
                await client.GetTicketAsync("loadgen-warm-up", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is TicketClusterProblemException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Expected: the ticket does not exist (404), or the node is not up yet.
            }
        }
    }

    public void Dispose()
    {
        foreach (var entry in _clients.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully))
        {
            entry.Value.Result.Http.Dispose();
        }

        _handler.Dispose();
    }

    private async Task<(HttpClient, TicketClusterClient)> CreateAsync(int node, LoadRole role, string? merchantId, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(role, merchantId, cancellationToken).ConfigureAwait(false);
        var http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = _urls[node], Timeout = _timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (http, new TicketClusterClient(http));
    }
}
