using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using TicketCluster.WebConsole.Api;
using TicketCluster.WebConsole.Components;
using TicketCluster.WebConsole.Session;
using TicketCluster.WebConsole.Text;

namespace TicketCluster.WebConsole;

/// <summary>Marks every endpoint the console maps, so the API's own route inventory can tell them apart.</summary>
public sealed class ConsoleEndpointMetadata
{
    public static readonly ConsoleEndpointMetadata Instance = new();

    private ConsoleEndpointMetadata()
    {
    }
}

/// <summary>
/// The console's registration in a node: <see cref="AddConsole"/> beside the node's services,
/// <see cref="MapConsole"/> after its authentication and authorization middleware.
/// </summary>
public static class ConsoleHosting
{
    /// <summary>The data-protection application name of a shared key ring.</summary>
    public const string KeyRingApplicationName = "TicketCluster.Console";

    /// <summary>The console's services. <paramref name="tokens"/> mints the development sign-in's tokens
    /// with the node's own token code; null where the node cannot sign tokens (an OpenID Connect
    /// authority signs them), so the development sign-in is off. <paramref name="session"/> is the
    /// production sign-in and the shared key ring, from the node's settings.</summary>
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder, Func<IServiceProvider, IConsoleTokenIssuer?> tokens, ConsoleSessionOptions session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(session);

        // Pages, MudBlazor's and the framework's scripts ship as static web assets. A built (not published)
        // node finds them through the build's manifest beside the assembly; a published one in wwwroot,
        // where this finds no manifest and changes nothing.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LoopbackApi>();
        services.AddScoped<ConsoleApi>();
        services.AddSingleton(sp => new ConsoleSignIn(tokens(sp)));
        services.AddSingleton(session);
        services.AddSingleton<ConsoleSessionRenewal>();
        ConsoleAuthentication.Add(services);
        if (session.Oidc is { } oidc)
        {
            ConsoleOidc.Add(services, oidc);
        }

        if (session.KeyDirectory is { } keys)
        {
            // Every node reads and writes the one key ring, so a cookie (and a page's circuit descriptor) one
            // node protects, another unprotects. The application name is fixed: the default is derived from
            // the content root, which may differ between hosts.
            services.AddDataProtection().SetApplicationName(KeyRingApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        return builder;
    }

    /// <summary>Maps the console under <c>/console</c>, its assets, and <c>/</c> to the console.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();

        // The build (or publish) of the node writes the manifest of its static assets beside its assembly; a
        // host without it (a tool that loads the silo's assembly from elsewhere) still runs the API.
        var manifest = Path.Combine(AppContext.BaseDirectory, app.Environment.ApplicationName + ".staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            app.MapStaticAssets(manifest).ExcludeFromDescription().Add(e => e.Metadata.Add(ConsoleEndpointMetadata.Instance));
        }
        else
        {
            ConsoleLog.AssetsManifestMissing(app.Logger, manifest);
        }

        var group = app.MapGroup("").ExcludeFromDescription().WithMetadata(ConsoleEndpointMetadata.Instance);
        group.MapGet("/", () => Results.Redirect(ConsoleRoutes.Queue));
        group.MapGet(ConsoleRoutes.Language + "/{language}", (string language, string? returnUrl, HttpContext context) =>
        {
            if (!ConsoleText.IsKnown(language))
            {
                return Results.NotFound();
            }

            context.Response.Cookies.Append(ConsoleText.LanguageCookie, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
            });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : ConsoleRoutes.Queue);
        });
        app.Use(ForbidClusterPageAsync);
        if (app.Services.GetRequiredService<ConsoleSessionOptions>().Oidc is not null)
        {
            app.Use(SignInAtProviderAsync);
        }

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(ConsoleAuthentication.Policy)
            .ExcludeFromDescription()
            .Add(e => e.Metadata.Add(ConsoleEndpointMetadata.Instance));
        return app;
    }

    /// <summary>With OpenID Connect, the sign-in page is the provider's: asking for it (or being sent to it
    /// by a page that needs a session) goes to the provider and back to the page asked for.</summary>
    private static Task SignInAtProviderAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals(ConsoleRoutes.SignIn, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var returnUrl = context.Request.Query["ReturnUrl"].ToString();
        return context.ChallengeAsync(ConsoleOidc.Scheme, new AuthenticationProperties { RedirectUri = ConsoleRoutes.IsReturnPath(returnUrl) ? returnUrl : ConsoleRoutes.Queue });
    }

    /// <summary>A signed-in user other than an admin asking for the cluster page gets a plain 403 page in
    /// their language, before any circuit starts (the page itself says the same when reached inside a tab).</summary>
    private static async Task ForbidClusterPageAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments(ConsoleRoutes.Cluster))
        {
            var session = await context.AuthenticateAsync(ConsoleAuthentication.Scheme);
            if (session.Succeeded && ConsoleUser.From(session.Principal!) is { IsAdmin: false })
            {
                var text = ConsoleText.For(context.Request.Cookies[ConsoleText.LanguageCookie]);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!DOCTYPE html><html lang=\"{text.Language}\"><head><meta charset=\"utf-8\"><title>403</title></head><body>"
                    + $"<h1 class=\"tc-forbidden\">{WebUtility.HtmlEncode(text["forbidden.title"])}</h1>"
                    + $"<a href=\"{ConsoleRoutes.Queue}\">{WebUtility.HtmlEncode(text["forbidden.back"])}</a></body></html>",
                    context.RequestAborted);
                return;
            }
        }

        await next(context);
    }
}
