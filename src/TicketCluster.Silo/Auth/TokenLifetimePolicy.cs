using Microsoft.IdentityModel.JsonWebTokens;

namespace TicketCluster.Silo.Auth;

/// <summary>
/// The longest life a token may claim: a stolen token must not stay good for years. The lifetime is
/// <c>exp</c> minus <c>iat</c>, else minus <c>nbf</c>, else minus now; a token without <c>exp</c> is
/// refused earlier by the validation parameters (<c>RequireExpirationTime</c>). Pure: the caller
/// passes now.
/// </summary>
public static class TokenLifetimePolicy
{
    /// <summary>Whether a token of these times lives longer than <paramref name="max"/>.</summary>
    public static bool IsTooLong(DateTimeOffset? issuedAt, DateTimeOffset? notBefore, DateTimeOffset? expires, DateTimeOffset now, TimeSpan max)
    {
        if (expires is not { } end)
        {
            return true;
        }

        var start = issuedAt ?? notBefore ?? now;
        return end - start > max;
    }

    /// <summary>The check on a validated JSON web token.</summary>
    public static bool IsTooLong(JsonWebToken token, DateTimeOffset now, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(token);
        return IsTooLong(Time(token, JwtRegisteredClaimNames.Iat), Time(token, JwtRegisteredClaimNames.Nbf), Time(token, JwtRegisteredClaimNames.Exp), now, max);
    }

    private static DateTimeOffset? Time(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<long>(claim, out var seconds) && seconds is >= 0 and <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
