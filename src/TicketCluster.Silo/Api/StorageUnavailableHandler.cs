using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Orleans.Storage;
using TicketCluster.Storage;

namespace TicketCluster.Silo.Api;

/// <summary>
/// A request that failed because the database could not be reached (a failover, terminated connections,
/// a timeout) is answered 503 with <c>Retry-After</c>, not 500. Nothing was acknowledged, though a write
/// whose commit answer was lost may have been recorded: intake with its idempotency key and a command
/// with <c>If-Match</c> are safe to send again. A write that met a newer version of the state than its
/// activation held (Orleans' <c>InconsistentStateException</c>, which the ticket grain retries once and then
/// lets escape so Orleans deactivates the activation) is answered 503 <c>…/problems/busy</c> in the same way:
/// the next request finds a fresh activation. So is a grain call that never reached its grain because the
/// silo holding the activation has just died (<see cref="OrleansMessageRejectionException"/>,
/// <see cref="SiloUnavailableException"/>): once membership declares the silo dead, the next call activates
/// the grain elsewhere.
/// </summary>
internal sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var busy = Any(exception, e => e is InconsistentStateException or OrleansMessageRejectionException or SiloUnavailableException);
        if ((!busy && !IsStorageOutage(exception)) || httpContext.Response.HasStarted)
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
                Title = busy ? "Busy" : "Storage unavailable",
                Detail = busy
                    ? "The ticket was being changed elsewhere, or the node holding it has just gone. Retry the request: an intake with its Idempotency-Key or a command with If-Match is safe to repeat."
                    : "The database could not be reached. Retry the request: an intake with its Idempotency-Key or a command with If-Match is safe to repeat.",
                Type = Problems.TypeBase + (busy ? "busy" : "storage-unavailable"),
            },
        });
    }

    private static bool IsStorageOutage(Exception exception) =>
        Any(exception, e => e is DbException or StorageUnavailableException or TimeoutException or System.Net.Sockets.SocketException);

    private static bool Any(Exception exception, Func<Exception, bool> match)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (match(current))
            {
                return true;
            }
        }

        return false;
    }
}
