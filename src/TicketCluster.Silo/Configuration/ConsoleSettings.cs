using System.Net;

namespace TicketCluster.Silo.Configuration;

/// <summary>The console's sign-in and sessions (section <c>TicketCluster:Console</c>, docs/console.md).</summary>
public sealed class ConsoleSettings
{
    public ConsoleOidcSettings Oidc { get; init; } = new();

    public ConsoleDataProtectionSettings DataProtection { get; init; } = new();

    internal IEnumerable<string> Validate(string prefix, AuthSettings auth)
    {
        var oidc = $"{prefix}:{nameof(Oidc)}";
        foreach (var error in Oidc.Validate(oidc, auth))
        {
            yield return error;
        }

        if (DataProtection.KeyDirectory is { } directory && string.IsNullOrWhiteSpace(directory))
        {
            yield return $"{prefix}:{nameof(DataProtection)}:{nameof(ConsoleDataProtectionSettings.KeyDirectory)} must not be empty.";
        }
    }
}

/// <summary>The console as an OpenID Connect client of the organisation's provider. Off unless
/// <see cref="ClientId"/> is set.</summary>
public sealed class ConsoleOidcSettings
{
    /// <summary>The provider; default <c>TicketCluster:Auth:Authority</c>, and it must be that one: the console
    /// calls the API with the provider's access tokens.</summary>
    public string? Authority { get; init; }

    /// <summary>The console's client at the provider; setting it turns the production sign-in on.</summary>
    public string? ClientId { get; init; }

    /// <summary>The client's secret, from the environment (<c>TICKETCLUSTER__CONSOLE__OIDC__CLIENTSECRET</c>)
    /// or a secret store, never from <c>appsettings.json</c>; none for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Scopes asked for besides <c>openid</c>, separated by spaces: the API's scope at the provider,
    /// and <c>offline_access</c> for a refresh token. Default <c>offline_access</c>.</summary>
    public string Scopes { get; init; } = "offline_access";

    /// <summary>How long before its access token expires a session renews it. Default 5 minutes.</summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the session cookie lasts after its last renewal (the provider's refresh token
    /// bounds it too). Default 12 hours.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    public bool Enabled => ClientId is not null;

    /// <summary>The provider in effect: <see cref="Authority"/>, else the API's.</summary>
    public string? AuthorityOf(AuthSettings auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return Authority ?? auth.Authority;
    }

    internal IEnumerable<string> Validate(string prefix, AuthSettings auth)
    {
        if (RenewBefore <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(RenewBefore)} must be positive.";
        }

        if (SessionLifetime <= RenewBefore)
        {
            yield return $"{prefix}:{nameof(SessionLifetime)} must be longer than {prefix}:{nameof(RenewBefore)}.";
        }

        if (!Enabled)
        {
            if (Authority is not null || ClientSecret is not null)
            {
                yield return $"{prefix}:{nameof(ClientId)} is required when {prefix}:{nameof(Authority)} or {prefix}:{nameof(ClientSecret)} is set.";
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{prefix}:{nameof(ClientId)} must not be empty.";
        }

        var authority = AuthorityOf(auth);
        if (authority is null)
        {
            yield return $"{prefix}:{nameof(Authority)} (or {SiloSettings.Section}:Auth:Authority) is required when {prefix}:{nameof(ClientId)} is set.";
        }
        else if (!AuthSettings.IsAuthority(authority))
        {
            yield return $"{prefix}:{nameof(Authority)} must be an absolute https URL (http only on a loopback host).";
        }
        else if (auth.Authority is null || !SameAuthority(authority, auth.Authority))
        {
            yield return $"{prefix}:{nameof(Authority)} must be {SiloSettings.Section}:Auth:Authority: the console calls the API with the provider's access tokens, which the API accepts from that authority only.";
        }

    }

    private static bool SameAuthority(string a, string b) => string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where the data-protection key ring that encrypts console sessions lives.</summary>
public sealed class ConsoleDataProtectionSettings
{
    /// <summary>A directory every node shares (a volume mounted on each); unset, each node keeps its own
    /// keys and a session is good on the node that issued it only.</summary>
    public string? KeyDirectory { get; init; }
}

/// <summary>Whether an address is loopback, for the rules that relax on a developer's machine.</summary>
internal static class LoopbackHosts
{
    public static bool Contains(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
