using TicketCluster.Runtime.Reminders;
using TicketCluster.Storage;

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
public sealed partial class InMemoryGrainStorage : IGrainStorage
{
    private readonly Data _data;
    private readonly TimeProvider _timeProvider;
    private bool _disposed;

    public InMemoryGrainStorage(TimeProvider timeProvider)
        : this(new Data(), timeProvider)
    {
    }

    public InMemoryGrainStorage() : this(TimeProvider.System)
    {
    }

    private InMemoryGrainStorage(Data data, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _data = data;
        _timeProvider = timeProvider;
    }

    /// <summary>A new storage on the same data, as a restarted node opens the same database: it works
    /// even after this instance is disposed.</summary>
    public InMemoryGrainStorage Reopen() => new(_data, _timeProvider);

    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Enter(cancellationToken);
        return Task.CompletedTask;
    }

    public Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_data.States.TryGetValue(grain, out var record) ? record with { State = [.. record.State] } : null);
        }
    }

    public Task<IReadOnlyDictionary<GrainId, GrainRecord>> ReadStatesAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var found = new Dictionary<GrainId, GrainRecord>();
            foreach (var grain in grains)
            {
                if (_data.States.TryGetValue(grain, out var record))
                {
                    found[grain] = record with { State = [.. record.State] };
                }
            }

            return Task.FromResult<IReadOnlyDictionary<GrainId, GrainRecord>>(found);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            IReadOnlyList<ReminderEntry> entries = _data.Reminders
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
        lock (_data.Gate)
        {
            Enter(cancellationToken);

            // A malformed write fails the whole batch before anything is applied, as a rolled-back
            // transaction would.
            foreach (var write in writes)
            {
                Validate(write);
            }

            var now = _timeProvider.GetUtcNow();
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
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_data.Idempotency.TryGetValue((scope, key), out var owner) ? owner : (GrainId?)null);
        }
    }

    public Task<IReadOnlySet<string>> FindRecordedKeysAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            IReadOnlySet<string> found = keys.Where(k => _data.Idempotency.ContainsKey((scope, k))).ToHashSet(StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    public Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            return Task.FromResult(_data.TicketRows.GetValueOrDefault(ticketId));
        }
    }

    public Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken)
    {
        lock (_data.Gate)
        {
            Enter(cancellationToken);
            var now = _timeProvider.GetUtcNow();
            DateTimeOffset? oldest = _data.Outbox.Count == 0 ? null : _data.Outbox.Values.Min(o => o.Message.CreatedAt);
            return Task.FromResult(new StorageStatistics(
                _data.Reminders.Count,
                _data.Reminders.Values.Count(r => r.DueAt <= now),
                _data.Outbox.Count,
                oldest));
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_data.Gate)
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

        // The constraints the databases' ticket_query table declares (NOT NULL, CHECK).
        if (write.TicketRow is { } row
            && (row.TicketId is null || row.Status is null || row.Severity is null || row.Category is null || row.Channel is null
                || row.CustomerId is null || row.MerchantId is null || row.ClocksMet is null || row.ClocksBreached is null
                || row.SatisfactionScore is < 1 or > 5))
        {
            throw new ArgumentException($"The ticket row of {write.Grain} breaks a constraint of the query table.", nameof(write));
        }
    }

    private WriteResult WriteOne(GrainWrite write, DateTimeOffset now)
    {
        long stored = _data.States.TryGetValue(write.Grain, out var record) ? record.Version : 0;

        // Every check runs before any change, so a write that fails leaves no trace.
        if (write.State is not null && write.ExpectedVersion != stored)
        {
            return new WriteResult(WriteStatus.VersionConflict, stored);
        }

        if (write.CompletedReminder is { } completion
            && (!_data.Reminders.TryGetValue((write.Grain, completion.Name), out var claimed) || claimed.Fence != completion.Fence))
        {
            return new WriteResult(WriteStatus.FenceLost, stored);
        }

        var seenKeys = new HashSet<(string, string)>();
        foreach (var key in write.IdempotencyKeys)
        {
            if (_data.Idempotency.TryGetValue((key.Scope, key.Key), out var owner))
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
            _data.States[write.Grain] = new GrainRecord(write.Grain, [.. write.State], version);
        }

        if (write.TicketRow is not null)
        {
            _data.TicketRows[write.TicketRow.TicketId] = write.TicketRow;
        }

        ApplyReminders(write, now);

        foreach (var message in write.Outbox)
        {
            long sequence = ++_data.OutboxSequence;
            _data.Outbox.Add(sequence, new OutboxRow(message with { Payload = [.. message.Payload] }));
        }

        foreach (var key in write.IdempotencyKeys)
        {
            _data.Idempotency.Add((key.Scope, key.Key), write.Grain);
        }

        return new WriteResult(WriteStatus.Committed, version);
    }

    private void ApplyReminders(GrainWrite write, DateTimeOffset now)
    {
        if (write.CompletedReminder is { } completion
            && !write.RegisterReminders.Any(r => r.Name == completion.Name))
        {
            var key = (write.Grain, completion.Name);
            var row = _data.Reminders[key];
            if (row.Period is { } period)
            {
                // The claim is used up: a repeated completion with the same number is fenced out.
                row.DueAt = ReminderSchedule.NextDueAfter(row.DueAt, period, now);
                row.Fence = ++_data.FenceCounter;
                row.Release();
            }
            else
            {
                _data.Reminders.Remove(key);
            }
        }

        foreach (var name in write.UnregisterReminders)
        {
            _data.Reminders.Remove((write.Grain, name));
        }

        foreach (var registration in write.RegisterReminders)
        {
            // A new fencing number voids a live claim of the reminder being replaced.
            _data.Reminders[(write.Grain, registration.Name)] = new ReminderRow(registration.DueAt, registration.Period, ++_data.FenceCounter);
        }
    }

    /// <summary>The "database": shared by every instance opened on it, guarded by one lock.</summary>
    private sealed partial class Data
    {
        public Lock Gate { get; } = new();

        public Dictionary<GrainId, GrainRecord> States { get; } = [];

        public Dictionary<(GrainId Grain, string Name), ReminderRow> Reminders { get; } = [];

        public Dictionary<(string Scope, string Key), GrainId> Idempotency { get; } = [];

        public SortedDictionary<long, OutboxRow> Outbox { get; } = [];

        public Dictionary<string, TicketQueryRow> TicketRows { get; } = new(StringComparer.Ordinal);

        public long FenceCounter;

        public long OutboxSequence;
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
