using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Messages;

/// <summary>The customer-facing moments of a ticket, each of which becomes a message to the customer.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<OutboundMessageKind>))]
public enum OutboundMessageKind
{
    /// <summary>The first response: receipt, next steps and when to expect the outcome.</summary>
    Acknowledgement,

    /// <summary>Staff need something from the customer.</summary>
    InformationRequest,

    /// <summary>A public reply, a word on progress.</summary>
    Reply,

    /// <summary>A plan for the customer to confirm.</summary>
    ProposedPlan,

    /// <summary>The result: what was done.</summary>
    Resolution,

    /// <summary>How satisfied was the customer.</summary>
    Survey,
}

/// <summary>Where a message to the customer stands: queued (not tried yet), retrying (tried and failed, tried
/// again later), sent (the gateway or mail server took it), failed (given up after the last attempt).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<MessageDeliveryStatus>))]
public enum MessageDeliveryStatus
{
    Queued,
    Retrying,
    Sent,
    Failed,
}

/// <summary>
/// A message to the customer, rendered in their language, and its delivery. <see cref="Id"/>
/// (<c>{ticketId}:{sequence}:{kind}</c>) is stable: a receiver that sees it twice (a send repeated after a
/// crash) drops the second. <see cref="Recipient"/> is the customer's e-mail address on the e-mail channel,
/// else the ticket's external id on its channel.
/// </summary>
public sealed record OutboundMessage(
    string Id,
    string TicketId,
    OutboundMessageKind Kind,
    string Language,
    Channel Channel,
    string Recipient,
    string Subject,
    string Body,
    DateTimeOffset QueuedAt)
{
    public MessageDeliveryStatus Status { get; init; } = MessageDeliveryStatus.Queued;

    public int Attempts { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Why the last attempt failed (no personal data: a status code or an exception type and message).</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Whether a send is still owed (queued or retrying).</summary>
    [JsonIgnore]
    public bool IsOwed => Status is MessageDeliveryStatus.Queued or MessageDeliveryStatus.Retrying;

    /// <summary>The outcome of one attempt: sent, or failed with <paramref name="error"/>; the last failure
    /// allowed by <paramref name="maxAttempts"/> gives up.</summary>
    public OutboundMessage Attempted(string? error, DateTimeOffset at, int maxAttempts)
    {
        var attempts = Attempts + 1;
        return error is null
            ? this with { Status = MessageDeliveryStatus.Sent, Attempts = attempts, LastAttemptAt = at, SentAt = at, LastError = null }
            : this with
            {
                Status = attempts >= maxAttempts ? MessageDeliveryStatus.Failed : MessageDeliveryStatus.Retrying,
                Attempts = attempts,
                LastAttemptAt = at,
                LastError = error,
            };
    }
}
