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
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    /// <summary>Signs <paramref name="user"/> in: the cookie holds the session until the token expires.</summary>
    internal static Task SignInAsync(HttpContext context, ConsoleUser user, DateTimeOffset expires) =>
        context.SignInAsync(Scheme, user.ToPrincipal(Scheme), new AuthenticationProperties { ExpiresUtc = expires, IsPersistent = true });

    internal static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    private static bool IsLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
