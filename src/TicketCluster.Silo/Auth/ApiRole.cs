using System.Security.Claims;
using System.Text.Json;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Auth;

/// <summary>The roles a bearer token may carry (claim <c>role</c>, kebab-case).</summary>
public enum ApiRole
{
    /// <summary>A channel gateway: intake, and the customer's side of the process on the customer's behalf.</summary>
    Channel,

    /// <summary>A customer: their own tickets only.</summary>
    Customer,

    Agent,

    /// <summary>Approvals and manual escalation besides an agent's work.</summary>
    Supervisor,

    /// <summary>A merchant: its own orders' tickets only, merchant commands only, customer data masked.</summary>
    Merchant,

    /// <summary>Returns received and warehouse inspections.</summary>
    Warehouse,

    /// <summary>Refunds.</summary>
    Finance,

    /// <summary>Reports and the cluster, besides everything a supervisor does.</summary>
    Admin,
}

/// <summary>
/// Who is calling, from the token: the role, the subject, and for tenant roles the merchant or customer
/// the token is bound to (claims <c>merchant_id</c>, <c>customer_id</c>).
/// </summary>
public sealed record Caller(ApiRole Role, string Subject, string? MerchantId, string? CustomerId)
{
    public const string RoleClaim = "role";
    public const string MerchantClaim = "merchant_id";
    public const string CustomerClaim = "customer_id";

    /// <summary>The caller of an authenticated request, or null when the token names no single known role
    /// or a tenant role without its tenant.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).ToList();
        var subject = user.FindFirst("sub")?.Value;
        if (roles.Count != 1 || !TryParseRole(roles[0], out var role) || string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        var merchant = user.FindFirst(MerchantClaim)?.Value;
        var customer = user.FindFirst(CustomerClaim)?.Value;
        return role switch
        {
            ApiRole.Merchant when string.IsNullOrWhiteSpace(merchant) => null,
            ApiRole.Customer when string.IsNullOrWhiteSpace(customer) => null,
            _ => new Caller(role, subject, role == ApiRole.Merchant ? merchant : null, role == ApiRole.Customer ? customer : null),
        };
    }

    public static string NameOf(ApiRole role) => JsonNamingPolicy.KebabCaseLower.ConvertName(role.ToString());

    public static bool TryParseRole(string value, out ApiRole role)
    {
        foreach (var candidate in Enum.GetValues<ApiRole>())
        {
            if (NameOf(candidate) == value)
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>Whose intakes and keyed commands these are: a customer's own (<c>customer:{id}</c>, whatever
    /// app or device the token was issued to), otherwise the role and subject (<c>channel:{gateway}</c>,
    /// <c>agent:{subject}</c>). Idempotency keys and channel message ids are looked up only among the
    /// submitter's own, so one caller's key can never reveal another caller's ticket.</summary>
    public string Submitter => Role == ApiRole.Customer ? "customer:" + CustomerId : NameOf(Role) + ":" + Subject;

    public bool IsStaff => Role is ApiRole.Agent or ApiRole.Supervisor or ApiRole.Warehouse or ApiRole.Finance or ApiRole.Admin;

    /// <summary>May this caller see <paramref name="ticket"/> at all? A tenant caller asking for someone
    /// else's ticket is answered as if it did not exist.</summary>
    public bool CanSee(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Role switch
        {
            ApiRole.Customer => ticket.Customer.Id == CustomerId,
            ApiRole.Merchant => ticket.Order.MerchantId == MerchantId,
            _ => true,
        };
    }

    /// <summary>The domain actor this caller acts as on <paramref name="ticket"/>. A channel gateway acts
    /// for the ticket's customer.</summary>
    public Actor ActorOn(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Role switch
        {
            ApiRole.Channel => new Actor(ticket.Customer.Id, ActorRole.Customer),
            _ => ActorFor(ticket.Customer.Id),
        };
    }

    /// <summary>The domain actor of an intake for <paramref name="customerId"/>.</summary>
    public Actor ActorFor(string customerId) => Role switch
    {
        ApiRole.Channel => new Actor(customerId, ActorRole.Customer),
        ApiRole.Customer => new Actor(CustomerId!, ActorRole.Customer),
        ApiRole.Merchant => new Actor(MerchantId!, ActorRole.Merchant),
        ApiRole.Supervisor => new Actor(Subject, ActorRole.Supervisor),
        ApiRole.Admin => new Actor(Subject, ActorRole.Manager),
        _ => new Actor(Subject, ActorRole.Agent),
    };
}
