using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TicketCluster.Client.Contracts;

namespace TicketCluster.Client;

/// <summary>
/// The typed client of the TicketCluster API for channel gateways and back-office tools. It wraps an
/// <see cref="HttpClient"/> the caller owns: its <see cref="HttpClient.BaseAddress"/> is the silo (or the
/// load balancer in front of the cluster), ending in <c>/</c>, and its default headers carry the bearer
/// token of the caller's role. A refusal is thrown as <see cref="TicketClusterProblemException"/>.
/// <para>
/// No retry is built in: the gateway owns its retry policy (Polly or its own), because only it knows its
/// latency budget. Intake is safe to retry when it carries an idempotency key (a retry answers
/// <see cref="IntakeOutcome.Replayed"/> with the same ticket); a command is safe to retry through
/// <see cref="SendOnceAsync"/> with an idempotency key (a retry of one that went through answers what the
/// first did and acts no second time), or with <c>ifMatchVersion</c> (a retry answers 412 instead).
/// Keys belong to the caller: another token's key of the same value is another key.
/// </para>
/// </summary>
public sealed partial class TicketClusterClient(HttpClient http)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const string TicketsPath = "api/v1/tickets";

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Takes an intake from a channel: opens a ticket, merges the contact into the customer's open
    /// ticket about the same order and problem, or replays an earlier intake with the same
    /// <paramref name="idempotencyKey"/> or channel message id.</summary>
    public async Task<SubmittedTicket> SubmitTicketAsync(TicketSubmission submission, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var request = new HttpRequestMessage(HttpMethod.Post, TicketsPath) { Content = Body(submission) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        var ticket = await SendAsync<TicketView>(request, cancellationToken).ConfigureAwait(false);
        return new SubmittedTicket(
            ticket.Intake ?? throw new TicketClusterProblemException("The answer to an intake did not say how the intake was taken (\"intake\")."),
            ticket);
    }

    /// <summary>The ticket as the caller may see it; a ticket that does not exist or is another tenant's
    /// is a 404 problem.</summary>
    public async Task<TicketView> GetTicketAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TicketPath(ticketId));
        return await SendAsync<TicketView>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ticket's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<EventView>> GetEventsAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TicketPath(ticketId) + "/events");
        return await SendAsync<EventView[]>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the command <paramref name="command"/> (a route name of <see cref="TicketCommands"/>) with its
    /// <paramref name="body"/> (the command's fields in camelCase; null for none) and returns the ticket
    /// after it. With <paramref name="ifMatchVersion"/> the command acts only on that version of the
    /// ticket (otherwise a 412 problem with the current version).
    /// </summary>
    public Task<TicketView> SendAsync(string ticketId, string command, object? body = null, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        SendCommandAsync(ticketId, command, body, ifMatchVersion, null, cancellationToken);

    /// <summary>
    /// Sends a command under <paramref name="idempotencyKey"/>, for commands that must act once however
    /// often they are retried (refunds, plans, approvals): a retry with the same key and body returns the
    /// first answer and changes nothing; the same key with another body is a 422 problem
    /// (<c>idempotency-key-reused</c>).
    /// </summary>
    public Task<TicketView> SendOnceAsync(string ticketId, string command, object? body, string idempotencyKey, long? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return SendCommandAsync(ticketId, command, body, ifMatchVersion, idempotencyKey, cancellationToken);
    }

    private async Task<TicketView> SendCommandAsync(string ticketId, string command, object? body, long? ifMatchVersion, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        using var request = new HttpRequestMessage(HttpMethod.Post, TicketPath(ticketId) + "/" + Uri.EscapeDataString(command))
        {
            Content = Body(body ?? new Dictionary<string, object>()),
        };
        if (ifMatchVersion is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\""));
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        return await SendAsync<TicketView>(request, cancellationToken).ConfigureAwait(false);
    }

    private static string TicketPath(string ticketId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return TicketsPath + "/" + Uri.EscapeDataString(ticketId);
    }

    /// <summary>The body serialized up front, so it goes with a Content-Length (proxies and the silo's body
    /// limit see its size before reading it).</summary>
    private static ByteArrayContent Body(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ClientJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await TicketClusterProblemException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new TicketClusterProblemException($"{(int)response.StatusCode}: the response had no body.");
    }
}
