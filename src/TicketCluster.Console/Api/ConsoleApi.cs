using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Authorization;
using TicketCluster.Client;
using TicketCluster.WebConsole.Session;

namespace TicketCluster.WebConsole.Api;

/// <summary>
/// The API as the signed-in user of one circuit sees it. Scoped: one per circuit, built from the session
/// cookie's user when first asked. A provider's session is renewed inside the circuit before its access
/// token expires (an open tab outlives the token); when the API refuses the token all the same,
/// <see cref="SessionEnded"/> tells the layout, which sends the tab to sign in again.
/// </summary>
public sealed class ConsoleApi(LoopbackApi loopback, AuthenticationStateProvider authentication, ConsoleSessionRenewal renewal) : IDisposable
{
    private readonly SemaphoreSlim _renewing = new(1, 1);
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

    /// <summary>Raised when the API refuses the session's token (401): the session has ended.</summary>
    public event Action? SessionEnded;

    public async Task<TicketClusterClient> ClientAsync()
    {
        if (_client is null)
        {
            await UserAsync();
            (_client, _http) = loopback.For(TokenAsync, () => SessionEnded?.Invoke());
        }

        return _client;
    }

    /// <summary>The token of the moment: renewed first when it nears its expiry (one renewal at a time;
    /// a refused renewal keeps the token, which the API takes until it expires).</summary>
    private async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var user = await UserAsync();
        if (!renewal.IsDue(user))
        {
            return user.Token;
        }

        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (renewal.IsDue(_user!) && await renewal.RenewAsync(_user!, cancellationToken) is { } renewed)
            {
                _user = renewed;
            }

            return _user!.Token;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>An answer of the API read as JSON, whatever its shape (a page that must stay tolerant of
    /// a contract that changes); a refusal is thrown as the typed client throws it.</summary>
    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        await ClientAsync();
        using var response = await _http!.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await TicketClusterProblemException.FromResponseAsync(response, cancellationToken);
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The status code and text of a plain endpoint of the node (its health checks).</summary>
    public async Task<(int Status, string Body)> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        await ClientAsync();
        using var response = await _http!.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose()
    {
        _http?.Dispose();
        _renewing.Dispose();
    }
}
