using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>Who the fake provider signs in: a subject, its role claims (none, one or several, as a provider
/// may send them) and its merchant.</summary>
public sealed record FakeUser(string Subject, IReadOnlyList<string> Roles, string? MerchantId = null);

/// <summary>
/// An OpenID Connect provider on loopback, enough for the console's sign-in: the discovery document, the
/// JWKS of a test RSA key, an authorization endpoint that approves <see cref="User"/> at once (checking the
/// client and keeping the PKCE challenge), a token endpoint for the code (checking the verifier and the
/// secret) and for refresh tokens, and an end-session endpoint. Counts what it was asked, so a test can
/// tell a renewal from a new sign-in.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "tc-console";
    public const string ClientSecret = "console-secret-for-tests";
    public const string ApiAudience = "ticketcluster-api";

    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly ConcurrentDictionary<string, (FakeUser User, string? Nonce, string Challenge, string RedirectUri)> _codes = new();
    private readonly ConcurrentDictionary<string, FakeUser> _refreshTokens = new();
    private int _authorizations;
    private int _refreshes;
    private int _endSessions;
    private int _expiredLeft;

    private FakeOidcProvider(WebApplication app)
    {
        _app = app;
        _key = new RsaSecurityKey(_rsa) { KeyId = "test-key-1" };
    }

    /// <summary>The issuer, which is also the authority's address.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The user the next authorization signs in.</summary>
    public FakeUser User { get; set; } = new("alice", ["agent"]);

    /// <summary>How long the access tokens it issues live.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the token endpoint refuses refresh tokens (the provider's session ended).</summary>
    public bool RefuseRefresh { get; set; }

    public int Authorizations => Volatile.Read(ref _authorizations);

    public int Refreshes => Volatile.Read(ref _refreshes);

    public int EndSessions => Volatile.Read(ref _endSessions);

    /// <summary>The next <paramref name="count"/> codes are answered with access tokens that expired two
    /// minutes ago (past the API's one minute of clock skew): a session that ended while the browser was away.</summary>
    public void IssueExpiredTokens(int count) => Volatile.Write(ref _expiredLeft, count);

    public static async Task<FakeOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var provider = new FakeOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["authorization_endpoint"] = provider.Issuer + "/authorize",
            ["token_endpoint"] = provider.Issuer + "/token",
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["end_session_endpoint"] = provider.Issuer + "/end-session",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/end-session", provider.EndSession);
        await app.StartAsync();
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    /// <summary>An access token of this provider for <paramref name="user"/>, as an API client would hold.</summary>
    public string AccessToken(FakeUser user) => AccessToken(user, AccessTokenLifetime, expired: false);

    private IResult Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("unknown client, or no PKCE");
        }

        Interlocked.Increment(ref _authorizations);
        var code = Guid.NewGuid().ToString("N");
        var redirect = query["redirect_uri"].ToString();
        _codes[code] = (User, query["nonce"], query["code_challenge"].ToString(), redirect);
        return Results.Redirect($"{redirect}?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        switch (form["grant_type"].ToString())
        {
            case "authorization_code" when _codes.TryRemove(form["code"].ToString(), out var grant)
                && grant.RedirectUri == form["redirect_uri"]
                && Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) == grant.Challenge:
                var expired = Interlocked.Decrement(ref _expiredLeft) >= 0;
                return Tokens(grant.User, grant.Nonce, expired);
            case "refresh_token":
                Interlocked.Increment(ref _refreshes);
                return !RefuseRefresh && _refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var user)
                    ? Tokens(user, nonce: null, expired: false)
                    : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            default:
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
    }

    private IResult EndSession(HttpRequest request)
    {
        Interlocked.Increment(ref _endSessions);
        var back = request.Query["post_logout_redirect_uri"].ToString();
        return Results.Redirect($"{back}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
    }

    private IResult Tokens(FakeUser user, string? nonce, bool expired)
    {
        var refresh = Guid.NewGuid().ToString("N");
        _refreshTokens[refresh] = user;
        var idClaims = new Dictionary<string, object> { ["sub"] = user.Subject };
        if (nonce is not null)
        {
            idClaims["nonce"] = nonce;
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["access_token"] = AccessToken(user, AccessTokenLifetime, expired),
            ["id_token"] = Sign(ClientId, idClaims, TimeSpan.FromMinutes(10), expired: false),
            ["refresh_token"] = refresh,
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
        });
    }

    private string AccessToken(FakeUser user, TimeSpan lifetime, bool expired)
    {
        var claims = new Dictionary<string, object> { ["sub"] = user.Subject };
        if (user.Roles.Count == 1)
        {
            claims["role"] = user.Roles[0];
        }
        else if (user.Roles.Count > 1)
        {
            claims["role"] = user.Roles.ToArray();
        }

        if (user.MerchantId is not null)
        {
            claims["merchant_id"] = user.MerchantId;
        }

        return Sign(ApiAudience, claims, lifetime, expired);
    }

    private string Sign(string audience, Dictionary<string, object> claims, TimeSpan lifetime, bool expired)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var issued = expired ? now - lifetime - TimeSpan.FromMinutes(2) : now;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issued,
            NotBefore = issued.AddSeconds(-5),
            Expires = issued + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
