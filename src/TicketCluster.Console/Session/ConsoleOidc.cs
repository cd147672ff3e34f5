using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// Production sign-in: the console is an OpenID Connect client of the organisation's provider
/// (authorization code with PKCE). The session is built from the provider's <b>access token</b>, the token
/// the API accepts from the same authority, read by the API's rules; a user whose token names no role the
/// console serves is sent to the refused page instead of being signed in.
/// </summary>
public static class ConsoleOidc
{
    public const string Scheme = "TicketCluster.Console.Oidc";
    public const string CallbackPath = "/console/signin-oidc";
    public const string SignedOutCallbackPath = "/console/signout-callback-oidc";

    internal static void Add(IServiceCollection services, ConsoleOidcOptions settings)
    {
        services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            o.SignInScheme = ConsoleAuthentication.Scheme;
            o.SignOutScheme = ConsoleAuthentication.Scheme;
            o.Authority = settings.Authority.ToString();
            o.RequireHttpsMetadata = settings.Authority.Scheme == Uri.UriSchemeHttps;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;

            // The code comes back on a top-level GET, so the correlation and nonce cookies can stay
            // SameSite=Lax (a form post from the provider's site would need SameSite=None).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignedOutRedirectUri = ConsoleRoutes.SignedOut;
            o.Scope.Clear();
            o.Scope.Add(OpenIdConnectScope.OpenId);
            foreach (var scope in settings.Scopes)
            {
                o.Scope.Add(scope);
            }

            o.CorrelationCookie = new ConsoleCookieBuilder { Name = ".tc-console.correlation.", Expiration = o.RemoteAuthenticationTimeout };
            o.NonceCookie = new ConsoleCookieBuilder { Name = ".tc-console.nonce.", Expiration = o.RemoteAuthenticationTimeout };
            o.Events.OnTokenValidated = SignInAsync;
            o.Events.OnRemoteFailure = context =>
            {
                // The provider said no, or the answer could not be matched to this browser's request: a page
                // in words, never an exception page.
                context.HandleResponse();
                context.Response.Redirect(ConsoleRoutes.Refused + "?reason=failed");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>The provider's answer checked (id token, nonce, PKCE): the session is the API's caller of the
    /// access token, kept in the console's cookie until the provider's session ends.</summary>
    private static Task SignInAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var renewal = services.GetRequiredService<ConsoleSessionRenewal>();
        var user = renewal.UserFrom(context.TokenEndpointResponse?.AccessToken, context.TokenEndpointResponse?.RefreshToken);
        if (user is null)
        {
            context.HandleResponse();
            context.Response.Redirect(ConsoleRoutes.Refused);
            return Task.CompletedTask;
        }

        var settings = services.GetRequiredService<ConsoleSessionOptions>().Oidc!;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Principal = user.ToPrincipal(ConsoleAuthentication.Scheme);
        context.Properties!.IsPersistent = true;
        context.Properties.IssuedUtc = now;
        context.Properties.ExpiresUtc = user.RefreshToken is null ? user.Expires : now + settings.SessionLifetime;

        // The id token names the session when the user signs out at the provider.
        if (context.TokenEndpointResponse?.IdToken is { } idToken)
        {
            context.Properties.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        }

        return Task.CompletedTask;
    }

    /// <summary>A cookie of the sign-in's round trip: <c>HttpOnly</c>, <c>SameSite=Lax</c>, <c>Secure</c>
    /// except on loopback (as the session cookie).</summary>
    private sealed class ConsoleCookieBuilder : CookieBuilder
    {
        public ConsoleCookieBuilder()
        {
            HttpOnly = true;
            SameSite = SameSiteMode.Lax;
            IsEssential = true;
        }

        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = !ConsoleAuthentication.IsLoopback(context);
            return options;
        }
    }
}
