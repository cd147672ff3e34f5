using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TicketCluster.LoadGen.Lifecycle;

namespace TicketCluster.LoadGen.Tokens;

/// <summary>
/// Signs HS256 tokens with the cluster's shared key, as a gateway holding the key does: claims <c>sub</c>,
/// <c>role</c> and, for a merchant, <c>merchant_id</c>; the configured issuer and audience. The key is read
/// as the silo reads <c>Auth:SigningKey</c>: base64 of at least 32 bytes, else text of at least 32
/// characters. Tokens are made once per role and merchant and live for the run plus a margin.
/// </summary>
public sealed class SigningKeyTokenSource : ITokenSource
{
    private readonly byte[] _key;
    private readonly string _issuer;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ConcurrentDictionary<(LoadRole, string?), string> _tokens = new();

    public SigningKeyTokenSource(string signingKey, string issuer, string audience, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        _key = Decode(signingKey) ?? throw new ArgumentException("The signing key is base64 of at least 32 bytes or text of at least 32 characters.", nameof(signingKey));
        _issuer = issuer;
        _audience = audience;
        _lifetime = lifetime;
        _time = time;
    }

    public Task<string> GetAsync(LoadRole role, string? merchantId, CancellationToken cancellationToken) =>
        Task.FromResult(_tokens.GetOrAdd((role, merchantId), key => Issue(key.Item1, key.Item2)));

    /// <summary>The key bytes of <paramref name="value"/>, as the silo decodes them; null when too short.</summary>
    public static byte[]? Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[value.Length];
        if (Convert.TryFromBase64String(value, buffer, out var written) && written >= 32)
        {
            return buffer[..written];
        }

        return value.Length >= 32 ? Encoding.UTF8.GetBytes(value) : null;
    }

    private string Issue(LoadRole role, string? merchantId)
    {
        var claims = new List<Claim> { new("sub", RoleNames.Subject(role, merchantId)), new("role", RoleNames.Of(role)) };
        if (role == LoadRole.Merchant)
        {
            claims.Add(new Claim("merchant_id", merchantId ?? throw new ArgumentNullException(nameof(merchantId))));
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + _lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(_key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
