using Microsoft.Extensions.Logging;

namespace TicketCluster.Runtime.Diagnostics;

/// <summary>Every log line of the runtime, with stable event ids (1000–1999). Lines name grains by id
/// and never carry state or payloads.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1001, LogLevel.Debug, "Activated {Grain}")]
    public static partial void Activated(ILogger logger, GrainId grain);

    [LoggerMessage(1002, LogLevel.Debug, "Deactivated {Grain} ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grain, DeactivationReason reason);

    [LoggerMessage(1003, LogLevel.Warning, "Activation of {Grain} failed")]
    public static partial void ActivationFailed(ILogger logger, GrainId grain, Exception exception);

    [LoggerMessage(1004, LogLevel.Warning, "Deactivation of {Grain} failed")]
    public static partial void DeactivationFailed(ILogger logger, GrainId grain, Exception exception);

    [LoggerMessage(1010, LogLevel.Debug, "Version conflict on {Grain}, attempt {Attempt}: reloading and running the turn again")]
    public static partial void VersionConflict(ILogger logger, GrainId grain, int attempt);

    [LoggerMessage(1011, LogLevel.Warning, "Version conflicts on {Grain} exhausted {Attempts} attempts")]
    public static partial void ConflictRetriesExhausted(ILogger logger, GrainId grain, int attempts);

    [LoggerMessage(1020, LogLevel.Error, "A storage batch of {Count} writes failed")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1030, LogLevel.Warning, "Reminder '{Reminder}' of {Grain} lost its claim; the late turn's effects were discarded")]
    public static partial void ReminderFenceLost(ILogger logger, GrainId grain, string reminder);

    [LoggerMessage(1031, LogLevel.Error, "Reminder '{Reminder}' of {Grain} failed; it fires again after its lease")]
    public static partial void ReminderFailed(ILogger logger, GrainId grain, string reminder, Exception exception);

    [LoggerMessage(1032, LogLevel.Error, "The reminder dispatcher's round failed; retrying after the poll interval")]
    public static partial void ReminderRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(1033, LogLevel.Information, "Released {Count} reminder claims of node {Node}")]
    public static partial void RemindersReleased(ILogger logger, int count, string node);

    [LoggerMessage(1040, LogLevel.Error, "Delivery of {Count} outbox messages to {Target} failed; they are delivered again after their lease")]
    public static partial void OutboxDeliveryFailed(ILogger logger, GrainId target, int count, Exception exception);

    [LoggerMessage(1041, LogLevel.Error, "The outbox relay's round failed; retrying after the poll interval")]
    public static partial void OutboxRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(1042, LogLevel.Warning, "No receiver for outbox target type '{TargetType}'; {Count} messages wait for a node that has one")]
    public static partial void OutboxNoReceiver(ILogger logger, string targetType, int count);

    [LoggerMessage(1050, LogLevel.Information, "Grain runtime {Node} started")]
    public static partial void Started(ILogger logger, string node);

    [LoggerMessage(1051, LogLevel.Information, "Grain runtime {Node} stopped")]
    public static partial void Stopped(ILogger logger, string node);
}
