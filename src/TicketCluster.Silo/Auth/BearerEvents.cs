using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Auth;

/// <summary>
/// What the node adds to ASP.NET Core's bearer authentication: the maximum token lifetime
/// (<see cref="TokenLifetimePolicy"/>), and a challenge that tells a stranger nothing: <c>WWW-Authenticate:
/// Bearer</c>, with <c>error="invalid_token"</c> when a token was sent, never the validation error
/// (expired, another audience or issuer, another key), and the stable <c>unauthorized</c> problem.
/// </summary>
internal static class BearerEvents
{
    public static void Configure(JwtBearerOptions options, SiloSettings settings, byte[]? signingKey)
    {
        options.MapInboundClaims = false;
        options.Authority = settings.Auth.Authority;

        // An authority on a loopback host may speak plain http (AuthSettings.IsAuthority); any other is https.
        options.RequireHttpsMetadata = settings.Auth.Authority is null || new Uri(settings.Auth.Authority).Scheme == Uri.UriSchemeHttps;
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = TokenIssuer.ValidationParameters(settings, signingKey);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (context.SecurityToken is not JsonWebToken token || TokenLifetimePolicy.IsTooLong(token, now, settings.Auth.MaxTokenLifetime))
                {
                    context.Fail("The token lives longer than the node accepts.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var sentToken = context.AuthenticateFailure is not null || context.Request.Headers.Authorization.Count > 0;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = sentToken ? "Bearer error=\"invalid_token\"" : "Bearer";
                await Problems.Unauthorized().ExecuteAsync(context.HttpContext);
            },
        };
    }
}
