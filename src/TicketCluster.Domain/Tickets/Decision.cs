using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace TicketCluster.Domain.Tickets;

/// <summary>The outcome of deciding a command: the events to append, or why the command was refused.</summary>
public sealed class Decision
{
    private Decision(ImmutableArray<TicketEvent> events, TicketRejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    /// <summary>The accepted events; empty when rejected, and empty for an accepted no-op such as a stale tick.</summary>
    public ImmutableArray<TicketEvent> Events { get; }

    public TicketRejection? Rejection { get; }

    public bool IsAccepted => Rejection is null;

    public static Decision Accept(ImmutableArray<TicketEvent> events) => new(events, null);

    public static Decision Reject(TicketRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new Decision([], rejection);
    }

    public override string ToString() => IsAccepted ? $"Accepted({Events.Length} events)" : $"Rejected({Rejection})";
}

/// <summary>Why a command was refused. Each kind maps to one HTTP status in the API.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CommandNotAllowed), "command-not-allowed")]
[JsonDerivedType(typeof(ValidationFailed), "validation-failed")]
[JsonDerivedType(typeof(ActorNotPermitted), "actor-not-permitted")]
[JsonDerivedType(typeof(TicketNotFound), "ticket-not-found")]
[JsonDerivedType(typeof(TicketFull), "ticket-full")]
[JsonDerivedType(typeof(RuleViolated), "rule-violated")]
public abstract record TicketRejection
{
    [JsonIgnore]
    public abstract string Message { get; }
}

/// <summary>The ticket's status does not accept the command (HTTP 409). Lists what the status does accept.</summary>
public sealed record CommandNotAllowed(TicketStatus Status, TicketCommandKind Command, ImmutableArray<TicketCommandKind> Allowed) : TicketRejection
{
    public override string Message => $"{Command} is not allowed while the ticket is {Status}; allowed: {string.Join(", ", Allowed)}.";
}

/// <summary>The command's content breaks a rule (HTTP 400/422): <see cref="Field"/> names the offending input.</summary>
public sealed record ValidationFailed(string Field, string Reason) : TicketRejection
{
    public override string Message => $"{Field}: {Reason}";
}

/// <summary>The actor may not send this command, by role or because it is not the ticket's customer or merchant (HTTP 403).</summary>
public sealed record ActorNotPermitted(ActorRole Role, TicketCommandKind Command, ImmutableArray<ActorRole> Allowed, string Reason) : TicketRejection
{
    public override string Message => $"{Command} by {Role}: {Reason}";
}

/// <summary>A command other than open was sent to a ticket that does not exist (HTTP 404).</summary>
public sealed record TicketNotFound(TicketCommandKind Command) : TicketRejection
{
    public override string Message => $"{Command} needs an open ticket; there is none.";
}

/// <summary>The command would take the ticket past one of its <see cref="TicketLimits"/> (HTTP 409):
/// <see cref="Limit"/> names it (<c>evidence</c>, <c>contacts</c>, <c>notes</c>, <c>content-length</c>).</summary>
public sealed record TicketFull(string Limit, long Cap) : TicketRejection
{
    public override string Message => $"The ticket is full: it may hold at most {Cap} ({Limit}).";
}

/// <summary>The command is well formed but a business rule refuses it (HTTP 422): <see cref="Field"/>
/// names the input, <see cref="Rule"/> is a stable kebab-case name of the rule (<c>unknown-ticket</c>,
/// <c>duplicate-of-duplicate</c>, ...).</summary>
public sealed record RuleViolated(string Field, string Rule, string Reason) : TicketRejection
{
    public override string Message => $"{Field}: {Reason} ({Rule})";
}

/// <summary>What the decider knows besides the state and the command: the time and the configuration.</summary>
public sealed record DecisionContext(DateTimeOffset Now, Sla.TicketPolicy Policy);
