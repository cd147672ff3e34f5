using TicketCluster.Runtime.Storage;

namespace TicketCluster.Runtime.Grains;

/// <summary>A grain that receives its reminders. As in Orleans, a reminder tick is an ordinary turn.</summary>
public interface IRemindable
{
    /// <summary>Handles a tick of <paramref name="reminderName"/> that was due at
    /// <paramref name="dueAt"/> (the firing may be later: after a crash the tick fires late, once). The
    /// reminder's completion is committed with the turn's first write, or on its own at the end of the
    /// turn. A periodic reminder moves on by itself; a one-shot one is removed.</summary>
    Task ReceiveReminder(string reminderName, DateTimeOffset dueAt);
}

/// <summary>A grain that receives outbox events addressed to it.</summary>
public interface IEventReceiver
{
    /// <summary>Applies a batch of events, oldest first. Events this grain has applied before are
    /// already filtered out; the runtime records the batch's event ids in the turn's first write
    /// (or on their own at the end of the turn), so each event is applied once in effect.</summary>
    Task ReceiveEventsAsync(IReadOnlyList<OutboxMessage> batch);
}
