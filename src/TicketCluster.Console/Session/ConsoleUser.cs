using System.Globalization;
using System.Security.Claims;

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// The signed-in user of the console as its session cookie holds it: the role, subject and merchant the
/// sign-in named, and the bearer token minted for them. Every API call of the console carries that token,
/// so the API decides what the user may see and do. A session signed in at an OpenID Connect provider
/// also holds the provider's refresh token and when the access token expires, so that it is renewed
/// before then (<see cref="ConsoleSessionRenewal"/>).
/// </summary>
public sealed record ConsoleUser(string Role, string Subject, string? MerchantId, string Token)
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Merchant = "merchant";
    public const string Admin = "admin";

    /// <summary>The roles the development sign-in offers.</summary>
    public static readonly IReadOnlyList<string> Roles = [Agent, Supervisor, Merchant, Admin];

    private const string RoleClaim = "role";
    private const string SubjectClaim = "sub";
    private const string MerchantClaim = "merchant_id";
    private const string TokenClaim = "console_token";
    private const string RefreshClaim = "console_refresh";
    private const string ExpiresClaim = "console_expires";

    /// <summary>The provider's refresh token; null for a development session (which ends with its token).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When <see cref="Token"/> expires; null for a development session.</summary>
    public DateTimeOffset? Expires { get; init; }

    public bool IsMerchant => Role == Merchant;

    /// <summary>Approvals, escalations and reports are open to supervisors and admins.</summary>
    public bool IsSupervisor => Role is Supervisor or Admin;

    /// <summary>The cluster page is the admin's.</summary>
    public bool IsAdmin => Role == Admin;

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(SubjectClaim, Subject), new(RoleClaim, Role), new(TokenClaim, Token) };
        if (MerchantId is not null)
        {
            claims.Add(new Claim(MerchantClaim, MerchantId));
        }

        if (RefreshToken is not null)
        {
            claims.Add(new Claim(RefreshClaim, RefreshToken));
        }

        if (Expires is { } expires)
        {
            claims.Add(new Claim(ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, SubjectClaim, RoleClaim));
    }

    /// <summary>The user of a console session, or null when the principal is not one.</summary>
    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var role = principal.FindFirst(RoleClaim)?.Value;
        var subject = principal.FindFirst(SubjectClaim)?.Value;
        var token = principal.FindFirst(TokenClaim)?.Value;
        return role is null || subject is null || token is null
            ? null
            : new ConsoleUser(role, subject, principal.FindFirst(MerchantClaim)?.Value, token)
            {
                RefreshToken = principal.FindFirst(RefreshClaim)?.Value,
                Expires = long.TryParse(principal.FindFirst(ExpiresClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : null,
            };
    }
}
