namespace TicketCluster.Runtime.Storage;

/// <summary>Reminder and outbox claims: leases judged by the injected clock, fencing numbers.</summary>
public sealed partial class InMemoryGrainStorage
{
    public Task<IReadOnlyList<ClaimedReminder>> ClaimDueRemindersAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            var due = _data.Reminders
                .Where(r => r.Value.DueAt <= now && !r.Value.IsHeld(now))
                .OrderBy(r => r.Value.DueAt)
                .ThenBy(r => r.Key.Grain.Type, StringComparer.Ordinal)
                .ThenBy(r => r.Key.Grain.Key, StringComparer.Ordinal)
                .ThenBy(r => r.Key.Name, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            var claims = new List<ClaimedReminder>(due.Count);
            foreach (var (key, row) in due)
            {
                row.Owner = owner;
                row.LeaseUntil = now + lease;
                row.ClaimedAt = now;
                row.Fence = ++_data.FenceCounter;
                claims.Add(new ClaimedReminder(key.Grain, key.Name, row.DueAt, row.Period, row.Fence, now));
            }

            return Task.FromResult<IReadOnlyList<ClaimedReminder>>(claims);
        }
    }

    public Task<int> ReleaseRemindersAsync(string owner, CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            int released = 0;
            foreach (var row in _data.Reminders.Values.Where(r => r.Owner == owner && r.IsHeld(now)))
            {
                row.Release();
                released++;
            }

            return Task.FromResult(released);
        }
    }

    public Task<DateTimeOffset?> NextReminderDueAsync(CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            DateTimeOffset? next = null;
            foreach (var row in _data.Reminders.Values)
            {
                if (!row.IsHeld(now) && (next is null || row.DueAt < next))
                {
                    next = row.DueAt;
                }
            }

            return Task.FromResult(next);
        }
    }

    public Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimOutboxAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            var claims = new List<ClaimedOutboxMessage>();

            // Targets with an earlier message held by a live lease: their later messages wait, so each
            // target receives its messages in order.
            var waiting = new HashSet<GrainId>();
            foreach (var (sequence, row) in _data.Outbox)
            {
                if (claims.Count == max)
                {
                    break;
                }

                if (row.IsHeld(now))
                {
                    waiting.Add(row.Message.Target);
                    continue;
                }

                if (waiting.Contains(row.Message.Target))
                {
                    continue;
                }

                row.Owner = owner;
                row.LeaseUntil = now + lease;
                row.Fence = ++_data.FenceCounter;
                claims.Add(new ClaimedOutboxMessage(sequence, row.Fence, row.Message with { Payload = [.. row.Message.Payload] }));
            }

            return Task.FromResult<IReadOnlyList<ClaimedOutboxMessage>>(claims);
        }
    }

    public Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxCompletion> delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            int removed = 0;
            foreach (var completion in delivered)
            {
                if (_data.Outbox.TryGetValue(completion.Sequence, out var row) && row.Fence == completion.Fence)
                {
                    _data.Outbox.Remove(completion.Sequence);
                    removed++;
                }
            }

            return Task.FromResult(removed);
        }
    }
}
