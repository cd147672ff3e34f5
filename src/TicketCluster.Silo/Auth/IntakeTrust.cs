using TicketCluster.Silo.Api.Contracts;

namespace TicketCluster.Silo.Auth;

/// <summary>
/// Which intake fields a role may set. Severity decides a ticket's deadlines and its admission class, and
/// only staff decide it; a channel gateway may pass the category its form or routing chose and the tier
/// its membership system knows; a customer sets none of the three (the classifier decides from the text,
/// the profile keeps the tier). A field set by a role that may not set it is refused with 400, never
/// silently dropped, so an integration learns of the rule at its first request. docs/silo.md has the table.
/// </summary>
public static class IntakeTrust
{
    public static bool MaySetSeverity(ApiRole role) => role is ApiRole.Agent or ApiRole.Supervisor or ApiRole.Admin;

    public static bool MaySetCategory(ApiRole role) => role is ApiRole.Channel or ApiRole.Agent or ApiRole.Supervisor or ApiRole.Admin;

    public static bool MaySetTier(ApiRole role) => role is ApiRole.Channel or ApiRole.Agent or ApiRole.Supervisor or ApiRole.Admin;

    /// <summary>The fields of <paramref name="body"/> that <paramref name="role"/> may not set, with why.</summary>
    public static Dictionary<string, string[]> Check(IntakeBody body, ApiRole role)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Severity is not null && !MaySetSeverity(role))
        {
            errors["severity"] = [$"is decided by staff; a {Caller.NameOf(role)} intake is classified from its text"];
        }

        if (body.Category is not null && !MaySetCategory(role))
        {
            errors["category"] = [$"is decided by staff or the channel gateway; a {Caller.NameOf(role)} intake is classified from its text"];
        }

        if (body.Customer?.Tier is not null && !MaySetTier(role))
        {
            errors["customer.tier"] = [$"comes from the membership system through staff or the channel gateway, not from a {Caller.NameOf(role)} token"];
        }

        return errors;
    }

    /// <summary>The body with only the fields <paramref name="role"/> may set (null: an unauthenticated
    /// caller, who may set none), for estimates made before the endpoint refuses the rest.</summary>
    public static IntakeBody Trusted(IntakeBody body, ApiRole? role)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body with
        {
            Severity = role is { } r && MaySetSeverity(r) ? body.Severity : null,
            Category = role is { } c && MaySetCategory(c) ? body.Category : null,
            Customer = body.Customer is null || (role is { } t && MaySetTier(t)) ? body.Customer : body.Customer with { Tier = null },
        };
    }
}
