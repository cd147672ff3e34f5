using TicketCluster.LoadGen.Lifecycle;

namespace TicketCluster.LoadGen.Tokens;

/// <summary>Bearer tokens for the generator's roles, the way a gateway gets them.</summary>
public interface ITokenSource
{
    /// <summary>A token for <paramref name="role"/>; a merchant's is bound to <paramref name="merchantId"/>.</summary>
    Task<string> GetAsync(LoadRole role, string? merchantId, CancellationToken cancellationToken);
}

/// <summary>The claim values of the silo's roles.</summary>
internal static class RoleNames
{
    public static string Of(LoadRole role) => role switch
    {
        LoadRole.Channel => "channel",
        LoadRole.Agent => "agent",
        LoadRole.Supervisor => "supervisor",
        LoadRole.Merchant => "merchant",
        LoadRole.Warehouse => "warehouse",
        LoadRole.Finance => "finance",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Subject(LoadRole role, string? merchantId) =>
        role == LoadRole.Merchant ? $"loadgen-{merchantId}" : $"loadgen-{Of(role)}";
}
