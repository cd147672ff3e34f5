using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Health;
using TicketCluster.Silo.Telemetry;

namespace TicketCluster.Silo.Admission;

/// <summary>
/// Admission control for <c>/api/</c>: while the node drains, a request that still arrives on an open
/// connection is served and its connection closed; otherwise a request is counted in flight and admitted if its position is within the limit of its class
/// (<see cref="AdmissionPolicy"/>), else refused with 429. Both carry <c>Retry-After</c>. An intake's
/// severity is estimated (<see cref="IntakeSeverityEstimate"/>) only once normal intake is over its
/// limit, so a node under its limit never reads a body twice.
/// </summary>
internal sealed class AdmissionMiddleware(
    RequestDelegate next,
    AdmissionControl control,
    DrainState drain,
    SiloSettings settings,
    TicketClassifier classifier,
    SiloMetrics metrics,
    ILogger<AdmissionMiddleware> logger)
{
    /// <summary>The name <c>TicketsApi</c> gives the intake endpoint.</summary>
    internal const string IntakeEndpointName = "SubmitTicket";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (drain.IsDraining)
        {
            // The node has stopped admitting: its readiness is down and Kestrel takes no new connection.
            // A request already on an open connection is still served (the silo outlives Kestrel's
            // drain) and the connection is closed after it, so the client's next request goes to another
            // node. Refusing it with 503 instead would fail a request that a load balancer could not yet
            // have steered elsewhere.
            SiloTelemetryLog.ServedWhileDraining(logger, context.Request.Method, RequestTelemetryMiddleware.RouteOf(context));
            context.Response.Headers.Connection = "close";
        }

        int position = control.Enter();
        try
        {
            int max = settings.Limits.MaxInFlight;
            var admissionClass = AdmissionClass.Other;
            if (IsIntake(context))
            {
                admissionClass = position <= max
                    ? AdmissionClass.Intake
                    : AdmissionPolicy.ClassOf(await IntakeSeverityEstimate.OfAsync(context.Request, classifier, context.RequestAborted));
            }

            int limit = AdmissionPolicy.LimitOf(admissionClass, max);
            var decision = new AdmissionDecision(admissionClass, position, limit, position <= limit);
            control.OnDecided(decision);
            if (!decision.Admitted)
            {
                var severity = AdmissionPolicy.SeverityTagOf(admissionClass);
                SiloTelemetryLog.Shed(logger, context.Request.Method, RequestTelemetryMiddleware.RouteOf(context), severity, position, limit);
                metrics.Shed(severity, "overloaded");
                await RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", "overloaded", $"The node has {position - 1} requests in flight; {severity} requests are taken up to {limit}.");
                return;
            }

            metrics.RequestAdmitted();
            try
            {
                await next(context);
            }
            finally
            {
                metrics.RequestFinished();
            }
        }
        finally
        {
            control.Leave();
        }
    }

    internal static bool IsIntake(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == IntakeEndpointName;

    private Task RefuseAsync(HttpContext context, int status, string title, string type, string detail)
    {
        var seconds = (long)Math.Ceiling(settings.Limits.RetryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: status, title: title, detail: detail, type: Problems.TypeBase + type).ExecuteAsync(context);
    }
}
