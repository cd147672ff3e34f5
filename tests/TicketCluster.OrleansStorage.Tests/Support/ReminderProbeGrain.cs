using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>A grain that registers one reminder on request and reports its first tick.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime);
}

/// <summary>
/// Registers reminders through Orleans' reminder service (the period is the 1-minute minimum) and, on
/// the first tick, unregisters the reminder and completes the test's <see cref="ReminderTicks"/> entry
/// with the identity of the silo that delivered it.
/// </summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public async Task RegisterAsync(string reminderName, TimeSpan dueTime) =>
        await this.RegisterOrUpdateReminder(reminderName, dueTime, TimeSpan.FromMinutes(1));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }

        ReminderTicks.Complete(this.GetPrimaryKeyString(), reminderName, RuntimeIdentity);
    }
}

/// <summary>The first tick of each (grain key, reminder name), as the silo identity that delivered it.</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<(string Grain, string Reminder), TaskCompletionSource<string>> Ticks = new();

    /// <summary>Completes with the delivering silo's identity once the reminder has fired.</summary>
    public static Task<string> FirstTickAsync(string grain, string reminder) => Entry(grain, reminder).Task;

    internal static void Complete(string grain, string reminder, string siloIdentity) =>
        Entry(grain, reminder).TrySetResult(siloIdentity);

    private static TaskCompletionSource<string> Entry(string grain, string reminder) =>
        Ticks.GetOrAdd((grain, reminder), _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
