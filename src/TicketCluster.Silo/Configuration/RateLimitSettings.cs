namespace TicketCluster.Silo.Configuration;

/// <summary>
/// Per-client request rates on <c>/api/</c> (<c>TicketCluster:RateLimits</c>), besides the node-wide
/// in-flight admission of <see cref="LimitSettings"/>. A client is a token's role and subject; a channel
/// token's subject is its gateway. Each client has <see cref="PermitsPerWindow"/> requests per fixed
/// <see cref="Window"/>; beyond it, 429 with <c>Retry-After</c> until the window turns. An intake
/// estimated urgent that finds its client's window spent draws on a second allowance of
/// <see cref="UrgentIntakePermitsPerWindow"/> instead of being refused.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>The length of one window. Default one minute.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests per window of one client of any role but channel. Default 6,000 (100 a second).</summary>
    public int PermitsPerWindow { get; init; } = 6_000;

    /// <summary>Requests per window of one channel gateway, which speaks for many customers. Default
    /// 120,000 (2,000 a second).</summary>
    public int GatewayPermitsPerWindow { get; init; } = 120_000;

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

        if (GatewayPermitsPerWindow < 1)
        {
            yield return $"{prefix}:{nameof(GatewayPermitsPerWindow)} must be at least 1.";
        }

        if (UrgentIntakePermitsPerWindow < 1)
        {
            yield return $"{prefix}:{nameof(UrgentIntakePermitsPerWindow)} must be at least 1.";
        }
    }
}
