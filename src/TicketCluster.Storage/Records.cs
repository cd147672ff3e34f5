namespace TicketCluster.Storage;

/// <summary>An idempotency record (intake key, channel message id, applied event id), unique per
/// (<see cref="Scope"/>, <see cref="Key"/>) across the whole cluster and owned by the writing grain.</summary>
public sealed record IdempotencyRecord(string Scope, string Key);

/// <summary>
/// The ticket's row in the query table, written with its state, for work queues and reports.
/// Enumerations are stored as their kebab-case names.
/// </summary>
/// <param name="AcknowledgedAt">When the customer had the first response (time to first response is
/// this minus <paramref name="CreatedAt"/>).</param>
/// <param name="SatisfactionScore">The survey score, 1 to 5, or null when not answered.</param>
/// <param name="ClocksMet">The service-level clock kinds the ticket met and never breached, as a
/// <see cref="ClockNames"/> list.</param>
/// <param name="ClocksBreached">The service-level clock kinds whose deadline the ticket passed at least
/// once, as a <see cref="ClockNames"/> list.</param>
/// <param name="Outcome">How the ticket ended (resolved, declined, a duplicate, …), null while it has not.</param>
/// <param name="NextTickAt">The ticket's earliest pending SLA tick (warnings included), null when none
/// is pending. Null in rows written before the move to Orleans.</param>
/// <param name="EventsPendingSince">The time of the ticket's oldest event not yet acknowledged by every
/// receiver, null when none is owed. Written by the Orleans grain storage providers.</param>
public sealed record TicketQueryRow(
    string TicketId,
    string Status,
    string Severity,
    string Category,
    string Channel,
    string CustomerId,
    string MerchantId,
    string? OrderId,
    string? Department,
    string? Assignee,
    int EscalationLevel,
    DateTimeOffset? NextDeadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? AcknowledgedAt = null,
    int? SatisfactionScore = null,
    string ClocksMet = "",
    string ClocksBreached = "",
    string? Outcome = null,
    DateTimeOffset? NextTickAt = null,
    DateTimeOffset? EventsPendingSince = null);
