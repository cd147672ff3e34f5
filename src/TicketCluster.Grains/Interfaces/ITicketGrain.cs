using Orleans.Concurrency;
using System.Collections.Immutable;
using TicketCluster.Domain.Messages;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tickets;

namespace TicketCluster.Grains.Interfaces;

/// <summary>
/// A ticket (key: the ticket id). The aliases are wire names, stable whatever the C# names become
/// (docs/orleans.md, section 2). Its clocks' reminders arrive through <see cref="IRemindable"/>.
/// </summary>
[Alias("tc.ITicketGrain")]
public interface ITicketGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>The ticket (its <see cref="TicketState.Version"/> is the HTTP ETag), or null before intake.</summary>
    [Alias("get")]
    Task<TicketState?> GetAsync();

    /// <summary>The audit trail, in order.</summary>
    [Alias("events")]
    Task<ImmutableList<TicketEvent>> GetEventsAsync();

    /// <summary>The ticket an earlier intake with the same keys was taken into, and whether that intake
    /// had the same idempotency key with another body.</summary>
    [Alias("intake-replay")]
    Task<IntakeReplay> GetIntakeReplayAsync(IntakeKeys keys);

    /// <summary>An intake routed here: opens the ticket, or adds the intake as a contact of it.</summary>
    [Alias("open-or-merge")]
    Task<IntakeTurn> OpenOrMergeAsync(OpenTicket open, string contactId, IntakeKeys keys);

    /// <summary>Any other command, if the ticket is still at <paramref name="expectedVersion"/> (when
    /// given), answered from an earlier command with the same idempotency <paramref name="key"/> if any.</summary>
    [Alias("execute")]
    Task<TicketOutcome> ExecuteAsync(TicketCommand command, long? expectedVersion, CommandKey? key);

    /// <summary>Brings the clocks' reminders in line with the state (registers missing ones, moves wrong
    /// ones, removes stray ones), decides any tick already due and pushes what the ticket owes. Run on
    /// activation; the sweeper calls it for tickets whose tick or delivery is overdue.</summary>
    [Alias("reconcile")]
    Task ReconcileAsync();

    /// <summary>A webhook feed delivered every event up to <paramref name="sequence"/>.</summary>
    [Alias("webhook-ack"), OneWay]
    Task AcknowledgeWebhookAsync(string subscriptionId, long sequence);

    /// <summary>The messages to the customer and their delivery, oldest first.</summary>
    [Alias("messages")]
    Task<ImmutableList<OutboundMessage>> GetMessagesAsync();

    /// <summary>One attempt to send message <paramref name="messageId"/>: sent when <paramref name="failure"/> is
    /// null, failed with <paramref name="failure"/> otherwise. Answers the message as the ticket now records it (retrying or failed after a
    /// failure), or null when it is not owed any more.</summary>
    [Alias("message-attempted")]
    Task<OutboundMessage?> ReportMessageAttemptAsync(string messageId, string? failure);
}
