using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace TicketCluster.Silo.Api;

/// <summary>
/// A request that failed because the database could not be reached (a failover, terminated connections,
/// a timeout) is answered 503 with <c>Retry-After</c>, not 500. Nothing was acknowledged, though a write
/// whose commit answer was lost may have been recorded: intake with its idempotency key and a command
/// with <c>If-Match</c> are safe to send again.
/// </summary>
internal sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStorageOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "The database could not be reached. Retry the request: an intake with its Idempotency-Key or a command with If-Match is safe to repeat.",
                Type = Problems.TypeBase + "storage-unavailable",
            },
        });
    }

    private static bool IsStorageOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
