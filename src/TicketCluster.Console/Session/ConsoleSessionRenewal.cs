using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// A session signed in at the OpenID Connect provider: the console's user read from the provider's access
/// token by the API's own rules, and its renewal with the refresh token before the access token expires
/// (on a page request by the cookie, inside an open tab by its circuit).
/// </summary>
public sealed class ConsoleSessionRenewal(ConsoleSessionOptions session, IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time)
{
    /// <summary>Whether <paramref name="user"/>'s token is to be renewed now: a provider's session within
    /// <see cref="ConsoleOidcOptions.RenewBefore"/> of its access token's expiry.</summary>
    public bool IsDue(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return session.Oidc is { } options && user.RefreshToken is not null && user.Expires is { } expires && expires - time.GetUtcNow() <= options.RenewBefore;
    }

    /// <summary>Whether <paramref name="user"/>'s access token has expired (the API refuses it).</summary>
    public bool IsExpired(ConsoleUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Expires is { } expires && expires <= time.GetUtcNow();
    }

    /// <summary>The console's user of a provider's access token: the API's caller of its claims, refused
    /// (null) when it names none or a role the console does not serve. The token comes straight from the
    /// provider's token endpoint over the back channel, so it is read, not validated: the API validates it
    /// on every call.</summary>
    public ConsoleUser? UserFrom(string? accessToken, string? refreshToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(accessToken);
        }
        catch (ArgumentException)
        {
            // Not a JWT (an opaque token): the API accepts none either.
            return null;
        }

        var claims = new ClaimsPrincipal(new ClaimsIdentity(token.Claims, "access_token"));
        return session.Identify(claims) is { } identity && ConsoleUser.Roles.Contains(identity.Role)
            ? new ConsoleUser(identity.Role, identity.Subject, identity.MerchantId, accessToken)
            {
                RefreshToken = refreshToken,
                Expires = token.ValidTo == DateTime.MinValue ? null : new DateTimeOffset(token.ValidTo, TimeSpan.Zero),
            }
            : null;
    }

    /// <summary>Renews <paramref name="user"/>'s tokens at the provider's token endpoint; null when the
    /// provider refuses (the refresh token expired or was revoked, the user lost their role) or cannot be
    /// reached.</summary>
    public async Task<ConsoleUser?> RenewAsync(ConsoleUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (session.Oidc is not { } settings || user.RefreshToken is null)
        {
            return null;
        }

        var options = oidc.Get(ConsoleOidc.Scheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = user.RefreshToken,
                ["client_id"] = settings.ClientId,
            };
            if (settings.ClientSecret is { } secret)
            {
                form["client_secret"] = secret;
            }

            using var content = new FormUrlEncodedContent(form);
            using var response = await options.Backchannel.PostAsync(new Uri(configuration.TokenEndpoint), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return UserFrom(Text(answer, "access_token"), Text(answer, "refresh_token") ?? user.RefreshToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException)
        {
            // The provider is unreachable or answered nonsense: the session stays until its token expires.
            return null;
        }
    }

    private static string? Text(JsonElement answer, string name) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
