using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Grains;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage;

namespace TicketCluster.Runtime;

/// <summary>The turns the background services run: reminder ticks and outbox deliveries.</summary>
public sealed partial class GrainRuntime
{
    /// <summary>The idempotency scope in which a receiver's applied event ids are recorded.</summary>
    public static string InboxScope(GrainId receiver) => $"inbox:{receiver}";

    /// <summary>Fires a claimed reminder as a turn of its grain; the completion rides on the turn's
    /// write. Never throws for a failed turn: the outcome says what happened.</summary>
    internal async Task<ReminderOutcome> FireReminderAsync(ClaimedReminder claim, KnownState? known = null)
    {
        var firedAt = TimeProvider.GetUtcNow();
        using var activity = RuntimeTelemetry.ActivitySource.StartActivity("reminder");
        activity?.SetTag("grain", claim.Grain.ToString());
        activity?.SetTag("reminder", claim.Name);
        ReminderOutcome outcome;
        try
        {
            await RouteAsync(
                claim.Grain,
                (activation, ct) => activation.ExecuteTurnAsync(
                    async (grain, _) =>
                    {
                        if (grain is not IRemindable remindable)
                        {
                            throw new InvalidOperationException($"Grain {claim.Grain} received reminder '{claim.Name}' but is not {nameof(IRemindable)}.");
                        }

                        await remindable.ReceiveReminder(claim.Name, claim.DueAt);
                        return true;
                    },
                    new ReminderCompletion(claim.Name, claim.Fence),
                    false,
                    ct,
                    known: known),
                CancellationToken.None);
            outcome = ReminderOutcome.Completed;
            Metrics.ReminderFired(firedAt - claim.DueAt);
        }
        catch (ReminderFenceLostException)
        {
            outcome = ReminderOutcome.FenceLost;
            Metrics.ReminderFenceLost();
            RuntimeLog.ReminderFenceLost(Logger, claim.Grain, claim.Name);
        }
#pragma warning disable CA1031 // Not swallowed: logged, counted, and the reminder fires again after its lease.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome = ReminderOutcome.Failed;
            Metrics.ReminderFailed();
            RuntimeLog.ReminderFailed(Logger, claim.Grain, claim.Name, exception);
        }

        activity?.SetTag("outcome", outcome.ToString());
        Events.OnReminderFired(new ReminderFired(claim.Grain, claim.Name, claim.DueAt, firedAt, outcome));
        return outcome;
    }

    /// <summary>Delivers a batch of events to one receiver as one turn. Events the receiver has
    /// applied before (their ids recorded in its inbox scope) are filtered out inside the turn, and the
    /// ids of the rest are recorded in the turn's write. Returns how many were applied.</summary>
    internal Task<int> DeliverEventsAsync(GrainId target, IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        string scope = InboxScope(target);
        return RouteAsync(
            target,
            (activation, ct) => activation.ExecuteTurnAsync(
                async (grain, turn) =>
                {
                    if (grain is not IEventReceiver receiver)
                    {
                        throw new InvalidOperationException($"Grain {target} received events but is not {nameof(IEventReceiver)}.");
                    }

                    var candidates = messages.DistinctBy(m => m.EventId).ToList();
                    var applied = await Storage.FindRecordedKeysAsync(scope, candidates.ConvertAll(m => EventKey(m.EventId)), ct);
                    var fresh = candidates.FindAll(m => !applied.Contains(EventKey(m.EventId)));
                    if (fresh.Count == 0)
                    {
                        return 0;
                    }

                    foreach (var message in fresh)
                    {
                        turn.RecordKey(new IdempotencyRecord(scope, EventKey(message.EventId)));
                    }

                    await receiver.ReceiveEventsAsync(fresh);
                    return fresh.Count;
                },
                null,
                true,
                ct),
            cancellationToken);
    }

    internal bool HasGrainType(string typeName) => _grains.Contains(typeName);

    private static string EventKey(Guid eventId) => eventId.ToString("D");
}
