using System.Security.Claims;

namespace TicketCluster.WebConsole.Session;

/// <summary>Who a set of token claims names, by the API's own rules: one known role, a subject, and the
/// merchant a merchant token is bound to.</summary>
public sealed record ConsoleIdentity(string Role, string Subject, string? MerchantId);

/// <summary>
/// How the node's console signs users in and keeps their sessions, as the node's settings
/// (<c>TicketCluster:Console:*</c>) give it.
/// </summary>
public sealed class ConsoleSessionOptions
{
    /// <summary>Production sign-in at the organisation's OpenID Connect provider; null: the development
    /// sign-in only (where the node allows it).</summary>
    public ConsoleOidcOptions? Oidc { get; init; }

    /// <summary>The directory every node of a cluster shares for the data-protection key ring that encrypts
    /// the session cookie; null: the node's own keys (a cookie another node issued is not read).</summary>
    public string? KeyDirectory { get; init; }

    /// <summary>The API's rules reading a caller from token claims; null when a claim set names no caller
    /// (no single known role, a tenant role without its tenant).</summary>
    public Func<ClaimsPrincipal, ConsoleIdentity?> Identify { get; init; } = _ => null;
}

/// <summary>The OpenID Connect client of the console (keys <c>TicketCluster:Console:Oidc:*</c>).</summary>
/// <param name="Authority">The provider, the same authority whose access tokens the API accepts.</param>
/// <param name="ClientId">The console's client at the provider.</param>
/// <param name="ClientSecret">Its secret, from the environment or a secret store; null for a public client
/// (PKCE alone).</param>
/// <param name="Scopes">The scopes asked for besides <c>openid</c>: the API's scope and
/// <c>offline_access</c> for a refresh token.</param>
/// <param name="RenewBefore">How long before the access token expires the session renews it.</param>
/// <param name="SessionLifetime">The longest a session lasts without signing in again, however often it
/// is renewed.</param>
public sealed record ConsoleOidcOptions(Uri Authority, string ClientId, string? ClientSecret, IReadOnlyList<string> Scopes, TimeSpan RenewBefore, TimeSpan SessionLifetime);
