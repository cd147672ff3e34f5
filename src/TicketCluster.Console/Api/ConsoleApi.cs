using System.Text.Json.Nodes;
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

    public void Dispose() => _http?.Dispose();
}
