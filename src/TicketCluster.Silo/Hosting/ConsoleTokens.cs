using System.Security.Claims;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.WebConsole.Session;

namespace TicketCluster.Silo.Hosting;

/// <summary>The console's development sign-in mints its tokens with the <c>token</c> command's own
/// <see cref="TokenIssuer"/>: same key, issuer, audience and lifetime. Its production sign-in reads a
/// provider's access token with the API's own <see cref="Caller"/> rules.</summary>
internal sealed class ConsoleTokens(TokenIssuer issuer, TimeSpan lifetime) : IConsoleTokenIssuer
{
    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The node's issuer, or null when an OpenID Connect authority signs the tokens.</summary>
    public static ConsoleTokens? For(SiloSettings settings, TimeProvider time) =>
        settings.Auth.Authority is null ? new ConsoleTokens(TokenIssuer.For(settings, time), settings.Auth.TokenLifetime) : null;

    /// <summary>The console's sign-in and sessions from the node's settings.</summary>
    public static ConsoleSessionOptions SessionOptions(SiloSettings settings)
    {
        var oidc = settings.Console.Oidc;
        return new ConsoleSessionOptions
        {
            Oidc = oidc.Enabled
                ? new ConsoleOidcOptions(
                    new Uri(oidc.AuthorityOf(settings.Auth)!),
                    oidc.ClientId!,
                    oidc.ClientSecret,
                    oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    oidc.RenewBefore,
                    oidc.SessionLifetime)
                : null,
            KeyDirectory = settings.Console.DataProtection.KeyDirectory,
            Identify = Identify,
        };
    }

    /// <summary>The caller the API would read from these claims, as the console names it.</summary>
    private static ConsoleIdentity? Identify(ClaimsPrincipal claims) =>
        Caller.From(claims) is { } caller ? new ConsoleIdentity(Caller.NameOf(caller.Role), caller.Subject, caller.MerchantId) : null;

    public string Issue(string role, string subject, string? merchantId) =>
        Caller.TryParseRole(role, out var apiRole)
            ? issuer.Issue(apiRole, subject, apiRole == ApiRole.Merchant ? merchantId : null, null, Lifetime)
            : throw new ArgumentException($"'{role}' is not a role of the API.", nameof(role));
}
