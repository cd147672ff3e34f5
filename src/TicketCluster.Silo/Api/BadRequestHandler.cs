using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using TicketCluster.Silo.Configuration;

namespace TicketCluster.Silo.Api;

/// <summary>
/// A request Kestrel refused while the endpoint read it (a body over <c>Limits:MaxRequestBodyBytes</c>, a
/// malformed chunk) is the client's mistake: answered with its own status (413, 400) and a stable problem,
/// and, because this handler takes it, not logged as an unhandled exception with a stack trace.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems, SiloSettings settings) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The body is larger than {settings.Limits.MaxRequestBodyBytes} bytes."
                    : "The request is not well-formed HTTP.",
                Type = Problems.TypeOf(bad.StatusCode),
            },
        });
    }
}
