using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TicketCluster.WebConsole.Session;

/// <summary>
/// The console's session: a cookie authentication scheme of its own beside the API's bearer scheme (the
/// API never reads the cookie, so a page of another site cannot call the API with it), and the policy
/// every console page but the sign-in requires.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "TicketCluster.Console";
    public const string Policy = "TicketCluster.Console";
    public const string CookieName = "tc-console";

    internal static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.LoginPath = ConsoleRoutes.SignIn;
            o.LogoutPath = ConsoleRoutes.SignOut;
            o.AccessDeniedPath = ConsoleRoutes.SignIn;
            o.SlidingExpiration = false;
            o.Events.OnSigningIn = context =>
            {
                // Secure everywhere but on loopback, where a developer's node speaks plain http.
                context.CookieOptions.Secure = !IsLoopback(context.HttpContext);
                return Task.CompletedTask;
            };
            o.Events.OnSigningOut = context =>
            {
                context.CookieOptions.Secure = !IsLoopback(context.HttpContext);
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = RenewAsync;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    /// <summary>Signs <paramref name="user"/> in: the cookie holds the session until the token expires.</summary>
    internal static Task SignInAsync(HttpContext context, ConsoleUser user, DateTimeOffset expires) =>
        context.SignInAsync(Scheme, user.ToPrincipal(Scheme), new AuthenticationProperties { ExpiresUtc = expires, IsPersistent = true });

    /// <summary>Ends the session; a provider's session is ended at the provider too (its end-session
    /// endpoint, then back to the signed-out page).</summary>
    internal static async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        if (context.RequestServices.GetRequiredService<ConsoleSessionOptions>().Oidc is not null)
        {
            await context.SignOutAsync(ConsoleOidc.Scheme, new AuthenticationProperties { RedirectUri = ConsoleRoutes.SignedOut });
        }
    }

    /// <summary>On each page request: a provider's session whose access token nears its expiry is renewed
    /// with the refresh token and the cookie written again; one the provider no longer renews ends when its
    /// token expires, and the request goes to the sign-in (a clear sign-in again, never a refusal of the
    /// API shown as an error).</summary>
    private static async Task RenewAsync(CookieValidatePrincipalContext context)
    {
        var renewal = context.HttpContext.RequestServices.GetRequiredService<ConsoleSessionRenewal>();
        if (context.Principal is null || ConsoleUser.From(context.Principal) is not { } user || !renewal.IsDue(user))
        {
            return;
        }

        if (await renewal.RenewAsync(user, context.HttpContext.RequestAborted) is { } renewed)
        {
            context.ReplacePrincipal(renewed.ToPrincipal(Scheme));
            context.ShouldRenew = true;
        }
        else if (renewal.IsExpired(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    internal static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
