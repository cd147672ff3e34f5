using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TicketCluster.Silo.Api;

/// <summary>
/// Reads a JSON body strictly: wrong content type is 415, a body that is not the expected JSON is 400
/// naming the offending path, an empty body is 400. (A body over the configured limit is refused by
/// Kestrel with 413 before this reads it.)
/// </summary>
public static class ApiBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (value, problem) = await ReadAsync(request, typeof(T), cancellationToken);
        return ((T?)value, problem);
    }

    public static async Task<(object? Value, IResult? Problem)> ReadAsync(HttpRequest request, Type type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: "Send the body as application/json.",
                type: Problems.TypeBase + "unsupported-media-type"));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, ApiJson.Options, cancellationToken);
            return value is null ? (null, Problems.Validation("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Problems.MalformedJson(exception));
        }
        catch (ArgumentException exception)
        {
            // A domain value refused its input while being built (a negative amount, a malformed currency).
            return (null, Problems.InvalidValue(exception));
        }
    }
}
