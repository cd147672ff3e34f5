using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.WebConsole.Session;

namespace TicketCluster.Silo.Hosting;

/// <summary>The console's development sign-in mints its tokens with the <c>token</c> command's own
/// <see cref="TokenIssuer"/>: same key, issuer, audience and lifetime.</summary>
internal sealed class ConsoleTokens(TokenIssuer issuer, TimeSpan lifetime) : IConsoleTokenIssuer
{
    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The node's issuer, or null when an OpenID Connect authority signs the tokens.</summary>
    public static ConsoleTokens? For(SiloSettings settings, TimeProvider time) =>
        settings.Auth.Authority is null ? new ConsoleTokens(TokenIssuer.For(settings, time), settings.Auth.TokenLifetime) : null;

    public string Issue(string role, string subject, string? merchantId) =>
        Caller.TryParseRole(role, out var apiRole)
            ? issuer.Issue(apiRole, subject, apiRole == ApiRole.Merchant ? merchantId : null, null, Lifetime)
            : throw new ArgumentException($"'{role}' is not a role of the API.", nameof(role));
}
