using Microsoft.AspNetCore.Http;

namespace TicketCluster.Silo.Api;

/// <summary>Problems that ASP.NET Core writes itself (status code pages for an unknown route or a wrong
/// method, the exception handler) get the node's stable <c>type</c> instead of an RFC section link, and
/// never an exception's text.</summary>
internal static class ProblemTypes
{
    public static void Stabilize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null || !problem.Type.StartsWith(Problems.TypeBase, StringComparison.Ordinal))
        {
            problem.Type = Problems.TypeOf(problem.Status ?? context.HttpContext.Response.StatusCode);
        }

        if (context.Exception is not null && problem.Status is null or >= 500)
        {
            problem.Detail = null;
        }
    }
}
