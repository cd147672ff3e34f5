using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Auth;

/// <summary>Signs bearer tokens with the shared HMAC key, as a gateway does and as the <c>token</c>
/// command does for a newcomer.</summary>
public sealed class TokenIssuer(byte[] key, string issuer, string audience, TimeProvider time)
{
    public static TokenIssuer For(SiloSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = SigningKeys.Resolve(settings)
            ?? throw new SiloConfigurationException($"{SiloSettings.Section}:Auth:Authority is set: tokens come from the authority, not from this node.");
        return new TokenIssuer(key, settings.Auth.Issuer, settings.Auth.Audience, time);
    }

    /// <summary>A token for <paramref name="role"/> and <paramref name="subject"/>, bound to a merchant or
    /// customer for those roles.</summary>
    public string Issue(ApiRole role, string subject, string? merchantId, string? customerId, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var claims = new List<Claim> { new("sub", subject), new(Caller.RoleClaim, Caller.NameOf(role)) };
        if (merchantId is not null)
        {
            claims.Add(new Claim(Caller.MerchantClaim, merchantId));
        }

        if (customerId is not null)
        {
            claims.Add(new Claim(Caller.CustomerClaim, customerId));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The parameters a node checks tokens against.</summary>
    public static TokenValidationParameters ValidationParameters(SiloSettings settings, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new TokenValidationParameters
        {
            ValidIssuer = settings.Auth.Issuer,
            ValidAudience = settings.Auth.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            IssuerSigningKey = key is null ? null : new SymmetricSecurityKey(key),
            ValidateIssuerSigningKey = key is not null,
            NameClaimType = "sub",
            RoleClaimType = Caller.RoleClaim,
        };
    }
}
