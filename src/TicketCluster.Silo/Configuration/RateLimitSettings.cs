namespace TicketCluster.Silo.Configuration;

/// <summary>
/// Per-client request rates on <c>/api/</c> (<c>TicketCluster:RateLimits</c>), besides the node-wide
/// in-flight admission of <see cref="LimitSettings"/>. A client is a token's role and subject; a channel
/// token's subject is its gateway. A tenant (customer or merchant) has <see cref="PermitsPerWindow"/>
/// requests per fixed <see cref="Window"/>; a service (a channel gateway, or a staff role: agent,
/// supervisor, warehouse, finance, admin, whose tokens are often a back-office system's or an
/// integration's, speaking for many people) has <see cref="ServicePermitsPerWindow"/>. Beyond it, 429
/// with <c>Retry-After</c> until the window turns. An intake estimated urgent that finds its client's
/// window spent draws on a second allowance of <see cref="UrgentIntakePermitsPerWindow"/> instead of being
/// refused.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>The length of one window. Default one minute.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window of one tenant (a customer or a merchant). Default 6,000 (100 a second).</summary>
    public int PermitsPerWindow { get; init; } = 6_000;

    /// <summary>Requests per window of one service client: a channel gateway or a staff token. Default
    /// 120,000 (2,000 a second).</summary>
    public int ServicePermitsPerWindow { get; init; } = 120_000;

    /// <summary>Urgent intakes per window of one client once its own window is spent. Default 6,000.</summary>
    public int UrgentIntakePermitsPerWindow { get; init; } = 6_000;

    internal IEnumerable<string> Validate(string prefix)
    {
        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:{nameof(Window)} must lie between one second and one hour.";
        }

        if (PermitsPerWindow < 1)
        {
            yield return $"{prefix}:{nameof(PermitsPerWindow)} must be at least 1.";
        }

        if (ServicePermitsPerWindow < 1)
        {
            yield return $"{prefix}:{nameof(ServicePermitsPerWindow)} must be at least 1.";
        }

        if (UrgentIntakePermitsPerWindow < 1)
        {
            yield return $"{prefix}:{nameof(UrgentIntakePermitsPerWindow)} must be at least 1.";
        }
    }
}
