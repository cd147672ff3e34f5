using Microsoft.AspNetCore.Components.Authorization;
using TicketCluster.Client;
using TicketCluster.WebConsole.Session;

namespace TicketCluster.WebConsole.Api;

/// <summary>
/// The API as the signed-in user of one circuit sees it. Scoped: one per circuit, built from the session
/// cookie's user when first asked.
/// </summary>
public sealed class ConsoleApi(LoopbackApi loopback, AuthenticationStateProvider authentication) : IDisposable
{
    private HttpClient? _http;
    private TicketClusterClient? _client;
    private ConsoleUser? _user;

    public async Task<ConsoleUser> UserAsync()
    {
        if (_user is null)
        {
            var state = await authentication.GetAuthenticationStateAsync();
            _user = ConsoleUser.From(state.User) ?? throw new InvalidOperationException("The console page was reached without a console session.");
        }

        return _user;
    }

    public async Task<TicketClusterClient> ClientAsync()
    {
        if (_client is null)
        {
            (_client, _http) = loopback.For(await UserAsync());
        }

        return _client;
    }

    public void Dispose() => _http?.Dispose();
}
