using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

/// <summary>Who reads what staff write on a ticket (<see cref="ReplyToCustomer"/>).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<ReplyVisibility>))]
public enum ReplyVisibility
{
    /// <summary>A reply to the customer: in the customer's view of the ticket and sent to them.</summary>
    Public,

    /// <summary>A note for staff: never shown to the customer or the merchant, never sent.</summary>
    Internal,
}

/// <summary>How a callback to a dissatisfied customer went.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CallbackOutcome>))]
public enum CallbackOutcome
{
    /// <summary>The customer was reached and accepts the outcome.</summary>
    Settled,

    /// <summary>The customer was reached and remains dissatisfied (staff may reopen the ticket).</summary>
    StillDissatisfied,

    /// <summary>The customer could not be reached.</summary>
    Unreachable,
}

/// <summary>
/// A callback owed to a customer who answered the survey dissatisfied (score at most
/// <see cref="DissatisfiedScore"/>): opened with the <see cref="Sla.ClockKind.Callback"/> clock, done when
/// staff record its <see cref="Outcome"/>.
/// </summary>
public sealed record CallbackTask(int Score, DateTimeOffset RequestedAt)
{
    /// <summary>The highest survey score that counts as dissatisfied.</summary>
    public const int DissatisfiedScore = 2;

    public CallbackOutcome? Outcome { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    [JsonIgnore]
    public bool IsOpen => Outcome is null;
}
