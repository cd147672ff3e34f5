using TicketCluster.Runtime.Reminders;

namespace TicketCluster.Runtime.Storage;

/// <summary>
/// A thread-safe, in-process implementation of the whole storage contract, judged by the
/// <see cref="TimeProvider"/> it is given. It runs the runtime's unit tests and the storage contract
/// suite, so its semantics follow the contract's doc comments exactly; it holds nothing across
/// process restarts (two runtimes sharing one instance stand in for two nodes sharing a database).
/// </summary>
/// <remarks>
/// One lock guards everything: every method is one "transaction". Fencing numbers come from one
/// counter shared by all reminders and outbox messages, so a number handed out once is never handed
/// out again, even after a reminder is removed and registered anew.
/// </remarks>
public sealed partial class InMemoryGrainStorage(TimeProvider timeProvider) : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<GrainId, GrainRecord> _states = [];
    private readonly Dictionary<(GrainId Grain, string Name), ReminderRow> _reminders = [];
    private readonly Dictionary<(string Scope, string Key), GrainId> _idempotency = [];
    private readonly SortedDictionary<long, OutboxRow> _outbox = [];
    private readonly Dictionary<string, TicketQueryRow> _ticketRows = new(StringComparer.Ordinal);
    private long _fenceCounter;
    private long _outboxSequence;
    private bool _disposed;

    public InMemoryGrainStorage() : this(TimeProvider.System)
    {
    }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Enter(cancellationToken);
        return Task.CompletedTask;
    }

    public Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_states.TryGetValue(grain, out var record) ? record with { State = [.. record.State] } : null);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(cancellationToken);
            IReadOnlyList<ReminderEntry> entries = _reminders
                .Where(r => r.Key.Grain == grain)
                .OrderBy(r => r.Key.Name, StringComparer.Ordinal)
                .Select(r => new ReminderEntry(grain, r.Key.Name, r.Value.DueAt, r.Value.Period))
                .ToList();
            return Task.FromResult(entries);
        }
    }

    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        lock (_gate)
        {
            Enter(cancellationToken);

            // A malformed write fails the whole batch before anything is applied, as a rolled-back
            // transaction would.
            foreach (var write in writes)
            {
                Validate(write);
            }

            var now = timeProvider.GetUtcNow();
            var results = new WriteResult[writes.Count];
            for (int i = 0; i < writes.Count; i++)
            {
                results[i] = WriteOne(writes[i], now);
            }

            return Task.FromResult<IReadOnlyList<WriteResult>>(results);
        }
    }

    public Task<GrainId?> FindIdempotencyOwnerAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_idempotency.TryGetValue((scope, key), out var owner) ? owner : (GrainId?)null);
        }
    }

    public Task<IReadOnlySet<string>> FindRecordedKeysAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            Enter(cancellationToken);
            IReadOnlySet<string> found = keys.Where(k => _idempotency.ContainsKey((scope, k))).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    public Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_ticketRows.GetValueOrDefault(ticketId));
        }
    }

    public Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(cancellationToken);
            var now = timeProvider.GetUtcNow();
            DateTimeOffset? oldest = _outbox.Count == 0 ? null : _outbox.Values.Min(o => o.Message.CreatedAt);
            return Task.FromResult(new StorageStatistics(
                _reminders.Count,
                _reminders.Values.Count(r => r.DueAt <= now),
                _outbox.Count,
                oldest));
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        return ValueTask.CompletedTask;
    }

    private void Enter(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
    }

    private static void Validate(GrainWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrEmpty(write.Grain.Type, nameof(write));
        ArgumentException.ThrowIfNullOrEmpty(write.Grain.Key, nameof(write));
        foreach (var registration in write.RegisterReminders)
        {
            if (registration.Period is { } period && period <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Reminder '{registration.Name}' of {write.Grain} has a non-positive period.", nameof(write));
            }
        }
    }

    private WriteResult WriteOne(GrainWrite write, DateTimeOffset now)
    {
        long stored = _states.TryGetValue(write.Grain, out var record) ? record.Version : 0;

        // Every check runs before any change, so a write that fails leaves no trace.
        if (write.State is not null && write.ExpectedVersion != stored)
        {
            return new WriteResult(WriteStatus.VersionConflict, stored);
        }

        if (write.CompletedReminder is { } completion
            && (!_reminders.TryGetValue((write.Grain, completion.Name), out var claimed) || claimed.Fence != completion.Fence))
        {
            return new WriteResult(WriteStatus.FenceLost, stored);
        }

        var seenKeys = new HashSet<(string, string)>();
        foreach (var key in write.IdempotencyKeys)
        {
            if (_idempotency.TryGetValue((key.Scope, key.Key), out var owner))
            {
                return new WriteResult(WriteStatus.DuplicateKey, stored, owner);
            }

            if (!seenKeys.Add((key.Scope, key.Key)))
            {
                return new WriteResult(WriteStatus.DuplicateKey, stored, write.Grain);
            }
        }

        long version = stored;
        if (write.State is not null)
        {
            version = stored + 1;
            _states[write.Grain] = new GrainRecord(write.Grain, [.. write.State], version);
        }

        if (write.TicketRow is not null)
        {
            _ticketRows[write.TicketRow.TicketId] = write.TicketRow;
        }

        ApplyReminders(write, now);

        foreach (var message in write.Outbox)
        {
            long sequence = ++_outboxSequence;
            _outbox.Add(sequence, new OutboxRow(message with { Payload = [.. message.Payload] }));
        }

        foreach (var key in write.IdempotencyKeys)
        {
            _idempotency.Add((key.Scope, key.Key), write.Grain);
        }

        return new WriteResult(WriteStatus.Committed, version);
    }

    private void ApplyReminders(GrainWrite write, DateTimeOffset now)
    {
        if (write.CompletedReminder is { } completion
            && !write.RegisterReminders.Any(r => r.Name == completion.Name))
        {
            var key = (write.Grain, completion.Name);
            var row = _reminders[key];
            if (row.Period is { } period)
            {
                row.DueAt = ReminderSchedule.NextDueAfter(row.DueAt, period, now);
                row.Release();
            }
            else
            {
                _reminders.Remove(key);
            }
        }

        foreach (var name in write.UnregisterReminders)
        {
            _reminders.Remove((write.Grain, name));
        }

        foreach (var registration in write.RegisterReminders)
        {
            // A new fencing number voids a live claim of the reminder being replaced.
            _reminders[(write.Grain, registration.Name)] = new ReminderRow(registration.DueAt, registration.Period, ++_fenceCounter);
        }
    }

    private sealed class ReminderRow(DateTimeOffset dueAt, TimeSpan? period, long fence)
    {
        public DateTimeOffset DueAt { get; set; } = dueAt;

        public TimeSpan? Period { get; } = period;

        public long Fence { get; set; } = fence;

        public string? Owner { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }

        public DateTimeOffset? ClaimedAt { get; set; }

        public bool IsHeld(DateTimeOffset now) => LeaseUntil is { } until && until > now;

        public void Release()
        {
            Owner = null;
            LeaseUntil = null;
            ClaimedAt = null;
        }
    }

    private sealed class OutboxRow(OutboxMessage message)
    {
        public OutboxMessage Message { get; } = message;

        public long Fence { get; set; }

        public string? Owner { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }

        public bool IsHeld(DateTimeOffset now) => LeaseUntil is { } until && until > now;
    }
}
