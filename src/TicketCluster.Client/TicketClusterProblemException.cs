using System.Collections.ObjectModel;
using System.Net;
using System.Text.Json;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Client;

/// <summary>
/// The silo refused a request: its RFC 7807 problem details, read into typed members. What a gateway
/// usually needs: <see cref="StatusCode"/> (400 invalid, 403 role, 404 missing or not visible, 409 wrong
/// status, 412 stale <c>If-Match</c>, 429 shed), <see cref="Errors"/> for a 400 (field path → messages),
/// <see cref="AllowedCommands"/> and <see cref="TicketStatus"/> for a 409, <see cref="CurrentVersion"/>
/// for a 412, <see cref="RetryAfter"/> for a 429 or 503.
/// </summary>
public sealed class TicketClusterProblemException : Exception
{
    private static readonly ReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new(new Dictionary<string, IReadOnlyList<string>>());
    private static readonly ReadOnlyDictionary<string, JsonElement> NoExtensions = new(new Dictionary<string, JsonElement>());

    public TicketClusterProblemException()
        : this("The TicketCluster API refused the request.")
    {
    }

    public TicketClusterProblemException(string message)
        : base(message)
    {
    }

    public TicketClusterProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private TicketClusterProblemException(HttpStatusCode statusCode, string? type, string? title, string? detail, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Type = type;
        Title = title;
        Detail = detail;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem type URI, e.g. <c>https://ticketcluster.dev/problems/command-not-allowed</c>.</summary>
    public string? Type { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>For a validation problem: each offending field (e.g. <c>order.currency</c>) and what was wrong.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; private init; } = NoErrors;

    /// <summary>Every member of the problem besides type, title, status, detail, instance and errors.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; private init; } = NoExtensions;

    /// <summary>For a command refused in the ticket's status: what the caller may send instead.</summary>
    public IReadOnlyList<string> AllowedCommands { get; private init; } = [];

    /// <summary>For a command refused in the ticket's status: that status.</summary>
    public TicketStatus? TicketStatus { get; private init; }

    /// <summary>For a stale <c>If-Match</c>: the ticket's version now.</summary>
    public long? CurrentVersion { get; private init; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Reads the problem of a failed <paramref name="response"/>. A body that is not problem
    /// JSON (a proxy's error page, an empty 401) still gives the status and reason phrase.</summary>
    public static async Task<TicketClusterProblemException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - (response.Headers.Date ?? date) : null)
            : null;
        JsonDocument? document = null;
        try
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                document = JsonDocument.Parse(body);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status line is all there is.
        }

        using (document)
        {
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
            {
                var reason = response.ReasonPhrase ?? response.StatusCode.ToString();
                return new TicketClusterProblemException(response.StatusCode, null, reason, null, $"{(int)response.StatusCode} {reason}") { RetryAfter = retryAfter };
            }

            var title = Text(root, "title");
            var detail = Text(root, "detail");
            var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("errors", out var errorMap) && errorMap.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errorMap.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(m => m.ToString()).ToArray()
                        : [field.Value.ToString()];
                }
            }

            var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                if (member.Name is not ("type" or "title" or "detail" or "instance" or "errors")
                    && !(member.Name == "status" && member.Value.ValueKind == JsonValueKind.Number))
                {
                    extensions[member.Name] = member.Value.Clone();
                }
            }

            var message = $"{(int)response.StatusCode} {title ?? response.ReasonPhrase}"
                + (detail is null ? "" : $": {detail}")
                + (errors.Count == 0 ? "" : " " + string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
            return new TicketClusterProblemException(response.StatusCode, Text(root, "type"), title, detail, message)
            {
                Errors = errors,
                Extensions = extensions,
                AllowedCommands = extensions.TryGetValue("allowedCommands", out var allowed) && allowed.ValueKind == JsonValueKind.Array
                    ? allowed.EnumerateArray().Select(c => c.GetString()).OfType<string>().ToArray()
                    : [],
                TicketStatus = extensions.TryGetValue("ticketStatus", out var status) ? StatusOf(status) : null,
                CurrentVersion = extensions.TryGetValue("currentVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt64(out var current)
                    ? current
                    : null,
                RetryAfter = retryAfter,
            };
        }
    }

    /// <summary>A status this client knows; null for one a newer server added.</summary>
    private static TicketStatus? StatusOf(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.String ? value.Deserialize<TicketStatus>(ClientJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
