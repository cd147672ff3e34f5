using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TicketCluster.Client;

namespace TicketCluster.WebConsole.Api;

/// <summary>
/// The node's own HTTP API over loopback. One connection pool for the process; each user gets a
/// <see cref="TicketClusterClient"/> whose requests carry that user's bearer token, so the API applies its
/// own roles, tenant scoping and masking to every page the console shows.
/// </summary>
public sealed class LoopbackApi(IServer server) : IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private Uri? _baseAddress;

    /// <summary>A client acting as the user whose current token <paramref name="token"/> gives (renewed as
    /// the session renews), telling <paramref name="unauthorized"/> when the API refuses it; the caller
    /// disposes the returned <see cref="HttpClient"/> (the pool stays).</summary>
    public (TicketClusterClient Client, HttpClient Http) For(Func<CancellationToken, Task<string>> token, Action unauthorized)
    {
        var http = new HttpClient(new BearerHandler(token, unauthorized) { InnerHandler = _handler }, disposeHandler: false) { BaseAddress = _baseAddress ??= Resolve(server) };
        return (new TicketClusterClient(http), http);
    }

    public void Dispose() => _handler.Dispose();

    /// <summary>Each request carries the session's token of the moment; a 401 means the session has ended.
    /// Never disposed: disposing it would dispose the shared pool under it, and it holds nothing else.</summary>
    private sealed class BearerHandler(Func<CancellationToken, Task<string>> token, Action unauthorized) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token(cancellationToken));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                unauthorized();
            }

            return response;
        }
    }

    /// <summary>The node's first plain-http address (else its first), a wildcard host read as loopback.</summary>
    internal static Uri Resolve(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The node listens on no address the console could call.");
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0")
        {
            uri.Host = "127.0.0.1";
        }
        else if (uri.Host is "[::]" or "::")
        {
            uri.Host = "[::1]";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}
