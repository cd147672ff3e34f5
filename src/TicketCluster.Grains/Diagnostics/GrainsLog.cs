using Microsoft.Extensions.Logging;

namespace TicketCluster.Grains.Diagnostics;

/// <summary>The log lines of the grains on Orleans, with stable event ids. Ids and names only: never a
/// ticket's or a customer's content.</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Ticket {TicketId}: reminder change for {Reminder} failed; retried at the next turn")]
    public static partial void ReminderChangeFailed(ILogger logger, string ticketId, string reminder, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Ticket {TicketId}: push to {Receiver} failed; retried in {Delay}")]
    public static partial void PushFailed(ILogger logger, string ticketId, string receiver, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Ticket {TicketId}: reconciled reminders ({Registered} registered or moved, {Removed} removed, {Decided} due ticks decided)")]
    public static partial void Reconciled(ILogger logger, string ticketId, int registered, int removed, int decided);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Webhook feed {Feed}: sending event {Sequence} failed; retried in {Delay}")]
    public static partial void WebhookSendFailed(ILogger logger, string feed, long sequence, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Ticket sweep failed; next sweep in {Period}")]
    public static partial void SweepFailed(ILogger logger, TimeSpan period, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Ticket {TicketId}: reconcile poke from the sweeper failed")]
    public static partial void PokeFailed(ILogger logger, string ticketId, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Ticket {TicketId}: committed version {Version} with {Events} events")]
    public static partial void Committed(ILogger logger, string ticketId, long version, int events);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Message {MessageId}: attempt {Attempt} failed ({Status}); next attempt in {Delay}")]
    public static partial void MessageSendFailed(ILogger logger, string messageId, int attempt, string status, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Ticket {TicketId}: writing its receivers' acknowledgements failed; the facts are pushed again and the receivers drop them")]
    public static partial void AcknowledgementWriteFailed(ILogger logger, string ticketId, Exception exception);
}
