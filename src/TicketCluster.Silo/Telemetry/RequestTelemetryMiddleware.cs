using System.Collections;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace TicketCluster.Silo.Telemetry;

/// <summary>
/// The duration metric and the logging scope of every request, and the command outcome metric. Runs after
/// routing (which <c>WebApplication</c> puts first), so both are keyed by the route template
/// (<c>POST /api/v1/tickets/{id}/acknowledge</c>), never by a path with an id in it.
/// </summary>
/// <remarks>
/// The request's server span is ASP.NET Core's own activity, named by the route and tagged by the
/// OpenTelemetry ASP.NET Core instrumentation when the node exports (<see cref="TelemetryExport"/>); it takes
/// the caller's W3C <c>traceparent</c>, and the grain turns of the request are its children.
/// </remarks>
internal sealed class RequestTelemetryMiddleware(RequestDelegate next, SiloMetrics metrics, ILogger<RequestTelemetryMiddleware> logger)
{
    private const string TicketRoute = "/api/v1/tickets/{id}";

    public async Task InvokeAsync(HttpContext context)
    {
        var route = RouteOf(context);
        var method = context.Request.Method;
        var ticketId = route.StartsWith(TicketRoute, StringComparison.Ordinal) ? context.GetRouteValue("id") as string : null;
        using var scope = ticketId is null ? null : logger.BeginScope(new TicketLogScope(ticketId));
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            int status = context.Response.StatusCode;
            metrics.RequestCompleted(method, route, status, Stopwatch.GetElapsedTime(started));
            if (ticketId is not null && HttpMethods.IsPost(method) && route.Length > TicketRoute.Length + 1)
            {
                metrics.CommandAnswered(route[(TicketRoute.Length + 1)..], status);
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
