using System.Security.Claims;

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// The signed-in user of the console as its session cookie holds it: the role, subject and merchant the
/// sign-in named, and the bearer token minted for them. Every API call of the console carries that token,
/// so the API decides what the user may see and do.
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
            : new ConsoleUser(role, subject, principal.FindFirst(MerchantClaim)?.Value, token);
    }
}
