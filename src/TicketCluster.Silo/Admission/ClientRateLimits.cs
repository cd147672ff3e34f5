using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Telemetry;

namespace TicketCluster.Silo.Admission;

/// <summary>Wires <see cref="ClientRateLimiter"/> into ASP.NET Core's rate limiting middleware: 429 with
/// <c>Retry-After</c> (the seconds until the client's window turns) and problem type
/// <c>rate-limited</c>.</summary>
internal static class ClientRateLimits
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, RateLimitSettings settings)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<TicketClassifier>((options, classifier) =>
        {
            options.GlobalLimiter = new ClientRateLimiter(settings, classifier);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(RefuseAsync(context, settings));
        });
        return services;
    }

    private static Task RefuseAsync(OnRejectedContext rejected, RateLimitSettings settings)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientRateLimits).FullName!);
        SiloTelemetryLog.Throttled(logger, context.Request.Method, RequestTelemetryMiddleware.RouteOf(context));
        return Problems.RateLimited(seconds).ExecuteAsync(context);
    }
}
