using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Api;

/// <summary>The API's RFC 7807 answers. Every refusal names what was wrong and, where it helps, what
/// would have been accepted, in the API's own words: never a .NET exception's text. The <c>type</c> URIs
/// are stable and listed in docs/silo.md (a test keeps the table in step with <see cref="Types"/>).</summary>
public static class Problems
{
    public const string TypeBase = "https://ticketcluster.dev/problems/";

    /// <summary>Every problem type the node answers with, by status.</summary>
    public static readonly IReadOnlyDictionary<string, int> Types = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["validation"] = StatusCodes.Status400BadRequest,
        ["bad-request"] = StatusCodes.Status400BadRequest,
        ["refused"] = StatusCodes.Status400BadRequest,
        ["unauthorized"] = StatusCodes.Status401Unauthorized,
        ["forbidden"] = StatusCodes.Status403Forbidden,
        ["not-found"] = StatusCodes.Status404NotFound,
        ["method-not-allowed"] = StatusCodes.Status405MethodNotAllowed,
        ["command-not-allowed"] = StatusCodes.Status409Conflict,
        ["ticket-full"] = StatusCodes.Status409Conflict,
        ["version-mismatch"] = StatusCodes.Status412PreconditionFailed,
        ["payload-too-large"] = StatusCodes.Status413PayloadTooLarge,
        ["unsupported-media-type"] = StatusCodes.Status415UnsupportedMediaType,
        ["idempotency-key-reused"] = StatusCodes.Status422UnprocessableEntity,
        ["rate-limited"] = StatusCodes.Status429TooManyRequests,
        ["overloaded"] = StatusCodes.Status429TooManyRequests,
        ["internal"] = StatusCodes.Status500InternalServerError,
        ["storage-unavailable"] = StatusCodes.Status503ServiceUnavailable,
        ["busy"] = StatusCodes.Status503ServiceUnavailable,
    };

    /// <summary>The type of a problem that ASP.NET Core made without one of ours (status code pages, the
    /// exception handler): the first of <see cref="Types"/> with its status, else <c>bad-request</c> or
    /// <c>internal</c>.</summary>
    public static string TypeOf(int status) => TypeBase + status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status404NotFound => "not-found",
        _ => Types.FirstOrDefault(t => t.Value == status).Key ?? (status < 500 ? "bad-request" : "internal"),
    };

    /// <summary>401: no token, or one the node does not accept. Why it was not accepted (expired, another
    /// audience, another key) is not told: that would help whoever is guessing.</summary>
    public static IResult Unauthorized() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Send a valid bearer token.", type: TypeBase + "unauthorized");

    /// <summary>429: the client's rate limit is spent for this window.</summary>
    public static IResult RateLimited(long retryAfterSeconds) =>
        Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This client's request rate is spent; retry after {retryAfterSeconds} s.",
            type: TypeBase + "rate-limited");

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what, type: TypeBase + "not-found");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid", type: TypeBase + "validation");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, type: TypeBase + "forbidden");

    /// <summary>An <c>Idempotency-Key</c> the caller used before for another request (422, as payment APIs
    /// answer it): the first request is neither repeated nor revealed.</summary>
    public static IResult IdempotencyKeyReused() =>
        Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency key reused",
            detail: "This Idempotency-Key was used for another request. Send a new key with a new request, and the same body with a retry.",
            type: TypeBase + "idempotency-key-reused");

    public static IResult PreconditionFailed(long current) =>
        Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The ticket has changed",
            detail: $"If-Match named another version; the ticket is at version {current}.",
            type: TypeBase + "version-mismatch",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current });

    /// <summary>The domain refused a command: 409 for the wrong status (with the allowed commands) or a full
    /// ticket (with the cap it reached), 400 for bad content, 403 for a role the domain does not allow, 404
    /// for a missing ticket.</summary>
    public static IResult Rejected(TicketRejection rejection, Caller caller) => rejection switch
    {
        CommandNotAllowed n => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Command not allowed in the ticket's status",
            detail: $"{CommandRoutes.NameOf(n.Command) ?? Kebab(n.Command)} is not allowed while the ticket is {Kebab(n.Status)}.",
            type: TypeBase + "command-not-allowed",
            extensions: new Dictionary<string, object?>
            {
                ["ticketStatus"] = Kebab(n.Status),
                ["allowedCommands"] = n.Allowed
                    .Select(CommandRoutes.NameOf)
                    .OfType<string>()
                    .Where(name => CommandRoutes.Find(name) is { } route && CommandRoutes.MaySend(caller.Role, route))
                    .ToArray(),
            }),
        ValidationFailed v => Validation(v.Field, v.Reason),
        ActorNotPermitted p => Forbidden($"The {Caller.NameOf(caller.Role)} role may not do this: {p.Reason}."),
        TicketNotFound => NotFound("No such ticket."),
        TicketFull f => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "The ticket is full",
            detail: $"The ticket already holds the most it may ({f.Cap} {f.Limit}); nothing was added.",
            type: TypeBase + "ticket-full",
            extensions: new Dictionary<string, object?> { ["limit"] = f.Limit, ["cap"] = f.Cap }),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Refused", detail: rejection.Message, type: TypeBase + "refused"),
    };

    /// <summary>A body that is not the JSON the endpoint takes, with the path of the offending value.</summary>
    public static IResult MalformedJson(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = exception.Message;

        // System.Text.Json's own messages name .NET types; say the same in the API's words.
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var start = message.IndexOf("including: ", StringComparison.Ordinal);
            var missing = start < 0 ? "" : message[(start + "including: ".Length)..].TrimEnd('.');
            return Validation(field == "body" ? "body" : field, $"missing required properties: {missing}");
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return Validation(field, "is not a known property");
        }

        // The API's own converters say what they expect ("must be …"); a reader error (not JSON at all,
        // truncated, too deep) is told in one stable sentence rather than the reader's own message, which
        // quotes the input and positions.
        if (exception.InnerException is null && message.StartsWith("must ", StringComparison.Ordinal))
        {
            var pathAt = message.IndexOf(" Path:", StringComparison.Ordinal);
            return Validation(field, pathAt > 0 ? message[..pathAt] : message);
        }

        return Validation(field, exception.InnerException is null && !message.StartsWith("The JSON value", StringComparison.Ordinal)
            ? "is not valid JSON"
            : ExpectedOf(message));
    }

    /// <summary>A domain value refused its input while the body was read (a negative amount, a malformed
    /// currency): the field and a stable sentence, not the exception's text.</summary>
    public static IResult InvalidValue(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception switch
        {
            ArgumentOutOfRangeException => "is out of range",
            ArgumentNullException => "is required",
            _ => "is not a valid value",
        };
        return Validation(exception.ParamName ?? "body", message);
    }

    /// <summary>What the value should have been, from the .NET type System.Text.Json names.</summary>
    private static string ExpectedOf(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"converted to (?:System\.Nullable`1\[\[?)?([\w\.]+)");
        if (!match.Success)
        {
            return "is not valid JSON here";
        }

        var typeName = match.Groups[1].Value;
        var type = typeof(TicketRejection).Assembly.GetType(typeName) ?? Type.GetType(typeName);
        return type switch
        {
            { IsEnum: true } => "must be one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName)),
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(decimal) || type == typeof(int) || type == typeof(long) || type == typeof(double) => "must be a number",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(DateTimeOffset) => "must be an ISO-8601 time with an offset, e.g. 2026-11-23T09:30:00Z",
            _ when type == typeof(TimeSpan) => "must be a duration such as 02:00:00",
            { IsClass: true } => "must be a JSON object",
            _ => "has the wrong type or format",
        };
    }

    private static string Kebab<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
