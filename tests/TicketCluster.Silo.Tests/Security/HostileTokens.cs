using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>Tokens an attacker might present: each differs from a good one in one way.</summary>
public static class HostileTokens
{
    public static readonly byte[] NodeKey = Encoding.UTF8.GetBytes(TestSilo.SigningKey);

    /// <summary>A signed token with the given times (null leaves the claim out).</summary>
    public static string Token(
        DateTime? issuedAt,
        DateTime? notBefore,
        DateTime? expires,
        string role = "agent",
        string issuer = "ticketcluster",
        string audience = "ticketcluster-api",
        byte[]? key = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", role)]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? NodeKey), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A good token of <paramref name="lifetime"/> starting now.</summary>
    public static string Lasting(TimeSpan lifetime, string role = "agent")
    {
        var now = DateTime.UtcNow;
        return Token(now, now, now + lifetime, role);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise good claims.</summary>
    public static string WithoutSignature()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        return Part("""{"alg":"none","typ":"JWT"}""") + "."
            + Part($$"""{"sub":"mallory","role":"admin","iss":"ticketcluster","aud":"ticketcluster-api","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""") + ".";
    }

    public static HttpClient ClientWith(TestSilo silo, string token)
    {
        var client = silo.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
