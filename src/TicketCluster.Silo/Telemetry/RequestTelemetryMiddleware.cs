using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TicketCluster.Runtime.Diagnostics;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// The server span, the duration metric and the logging scope of every request, and the command
/// outcome metric. Runs after routing (which <c>WebApplication</c> puts first), so the span is named by
/// the route template (<c>POST /api/v1/tickets/{id}/acknowledge</c>), never by a path with an id in it.
/// </summary>
/// <remarks>
/// The span comes from this middleware rather than from ASP.NET Core's own
/// <c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c> activity: the instrumentation package that would name
/// and tag that activity is not available, and one middleware under the single
/// <see cref="RuntimeTelemetry.Name"/> source gives the route-named span, the semantic-convention tags and
/// the W3C <c>traceparent</c> of the caller without a second listener. The host's activity, when logging
/// creates one, is not exported, so the span takes the caller's context from the header, not from it.
/// </remarks>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, SiloMetrics metrics, ILogger<RequestTelemetryMiddleware> logger)
{
    private static readonly ActivitySource Source = new(RuntimeTelemetry.ActivitySourceName);

    private const string TicketRoute = "/api/v1/tickets/{id}";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = RouteOf(context);
        var method = context.Request.Method;
        Activity? activity = null;
        if (Source.HasListeners())
        {
            var headers = context.Request.Headers;
            ActivityContext.TryParse(headers.TraceParent.ToString(), headers.TraceState.ToString(), isRemote: true, out var caller);
            Activity.Current = null;
            activity = Source.StartActivity($"{method} {route}", ActivityKind.Server, caller);
            activity?.SetTag("http.request.method", method);
            activity?.SetTag("http.route", route);
            activity?.SetTag("url.path", context.Request.Path.Value);
        }

        var ticketId = route.StartsWith(TicketRoute, StringComparison.Ordinal) ? context.GetRouteValue("id") as string : null;
        using var scope = ticketId is null ? null : logger.BeginScope(new TicketLogScope(ticketId));
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            int status = context.Response.StatusCode;
            metrics.RequestCompleted(method, route, status, Stopwatch.GetElapsedTime(started));
            if (ticketId is not null && HttpMethods.IsPost(method) && route.Length > TicketRoute.Length + 1)
            {
                metrics.CommandAnswered(route[(TicketRoute.Length + 1)..], status);
            }

            if (activity is not null)
            {
                activity.SetTag("http.response.status_code", status);
                if (status >= 500)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }

                activity.Dispose();
            }
        }
    }

    /// <summary>The request's route template, or <c>unmatched</c> (a 404 without an endpoint).</summary>
    internal static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : "unmatched";

    /// <summary>The scope of a request about one ticket: every line logged while serving it carries
    /// <c>TicketId</c>, the name the grain turns use for the same id.</summary>
    private sealed class TicketLogScope(string ticketId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _entry = new("TicketId", ticketId);

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? _entry : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return _entry;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"TicketId:{_entry.Value}";
    }
}
