using TicketCluster.Runtime.Activations;
using TicketCluster.Runtime.Diagnostics;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Grains;

/// <summary>
/// The base of every grain. Grain code runs only inside turns, one at a time per activation; the
/// effects a turn buffers here (reminders, outbox events, idempotency keys, the query row) are
/// committed together with the state by the next state write, in one storage transaction.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;
    private TurnContext? _turn;

    /// <summary>This grain's identity.</summary>
    public GrainId Id => Activation.Id;

    /// <summary>The version of the state this activation holds (the ETag); 0 before the first write.</summary>
    protected long Version { get; private set; }

    /// <summary>Whether the state has ever been written.</summary>
    protected bool RecordExists => Version > 0;

    /// <summary>The node this activation runs on (a tag for the grain's own telemetry).</summary>
    protected string NodeId => Activation.Runtime.NodeId;

    /// <summary>The runtime's clock.</summary>
    protected TimeProvider TimeProvider => Activation.Runtime.TimeProvider;

    /// <summary>The time the current turn (attempt) started: one instant per decision, so a turn's
    /// outcome depends only on its state, its input and this value.</summary>
    protected DateTimeOffset Now => _turn?.StartedAt ?? TimeProvider.GetUtcNow();

    private GrainActivation Activation =>
        _activation ?? throw new InvalidOperationException("The grain is not attached to an activation.");

    private TurnContext Turn =>
        _turn ?? throw new InvalidOperationException("Grain effects can only be buffered inside a turn.");

    /// <summary>Runs once per activation, after the state is loaded and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation ends (idle, evicted, shutdown). It may write state; a conflict
    /// here is logged and dropped, as the activation is going away.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Registers a reminder, or replaces the one of the same name (voiding any live claim of
    /// it). One-shot when <paramref name="period"/> is null. Committed with the turn.</summary>
    protected void RegisterOrUpdateReminder(string reminderName, DateTimeOffset dueAt, TimeSpan? period = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (period is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, TimeSpan.Zero, nameof(period));
        }

        Turn.Register(new ReminderRegistration(reminderName, dueAt, period));
    }

    /// <summary>Removes a reminder (no-op if absent). Committed with the turn.</summary>
    protected void UnregisterReminder(string reminderName)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        Turn.Unregister(reminderName);
    }

    /// <summary>The reminders this grain has registered, as committed (not counting this turn's).</summary>
    protected Task<IReadOnlyList<ReminderEntry>> GetRemindersAsync(CancellationToken cancellationToken = default) =>
        Activation.Runtime.Storage.ReadRemindersAsync(Id, cancellationToken);

    /// <summary>Queues an event to <paramref name="target"/> through the outbox; it leaves when the
    /// turn commits and reaches the target at least once (applied once, by event id).</summary>
    protected void Publish(GrainId target, string type, byte[] payload, Guid eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(payload);
        Turn.Publish(new OutboxMessage(eventId, Id, target, type, payload, Now));
    }

    /// <summary>Queues an event whose payload is serialized with the runtime's state serializer.</summary>
    protected void Publish<TPayload>(GrainId target, string type, TPayload payload, Guid eventId) =>
        Publish(target, type, Activation.Runtime.Serializer.Serialize(payload), eventId);

    /// <summary>Reads a payload written by <see cref="Publish{TPayload}"/> (an outbox event this grain
    /// receives) with the runtime's serializer.</summary>
    protected TPayload ReadPayload<TPayload>(byte[] payload) => Activation.Runtime.Serializer.Deserialize<TPayload>(payload);

    /// <summary>Records an idempotency key owned by this grain. If another grain holds it, the write
    /// fails with <see cref="DuplicateIdempotencyKeyException"/> naming the holder.</summary>
    protected void RecordIdempotencyKey(string scope, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        ArgumentException.ThrowIfNullOrEmpty(key);
        Turn.RecordKey(new IdempotencyRecord(scope, key));
    }

    /// <summary>Sets the ticket query row written with this turn.</summary>
    protected void SetTicketRow(TicketQueryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Turn.SetTicketRow(row);
    }

    /// <summary>Commits the buffered effects (and, when <paramref name="state"/> is not null, the new
    /// state checked against <see cref="Version"/>). Throws the typed outcome of a failed write.</summary>
    private protected async Task CommitAsync(byte[]? state)
    {
        var turn = Turn;
        if (turn.Conflicted || turn.FenceLost)
        {
            throw new InvalidOperationException("A turn whose write failed cannot write again; let the exception pass.");
        }

        var write = turn.BuildWrite(Id, Version, state);
        var result = await Activation.CommitAsync(write);
        switch (result.Status)
        {
            case WriteStatus.Committed:
                if (state is not null)
                {
                    Version = result.Version;
                }

                turn.Clear();
                return;
            case WriteStatus.VersionConflict:
                turn.Conflicted = true;
                throw new GrainVersionConflictException(Id, Version, result.Version);
            case WriteStatus.DuplicateKey when turn.IsInbox && result.DuplicateOwner == Id:
                // Another delivery of the same event to this grain committed first: reload and filter again.
                turn.Conflicted = true;
                throw new GrainVersionConflictException(Id, Version, result.Version);
            case WriteStatus.DuplicateKey:
                throw new DuplicateIdempotencyKeyException(Id, result.DuplicateOwner ?? Id);
            case WriteStatus.FenceLost:
                turn.FenceLost = true;
                throw new ReminderFenceLostException(Id, turn.ReminderName ?? "?");
            default:
                throw new InvalidOperationException($"Unknown write status {result.Status}.");
        }
    }

    internal void Attach(GrainActivation activation) => _activation = activation;

    internal void BeginTurn(TurnContext turn)
    {
        _turn = turn;
        ResetState();
    }

    /// <summary>Commits what the turn buffered but did not write (no state, no version check).</summary>
    internal async Task FlushAsync()
    {
        var turn = Turn;
        if (turn.Conflicted)
        {
            throw new GrainVersionConflictException(Id, Version, Version);
        }

        if (turn.FenceLost)
        {
            throw new ReminderFenceLostException(Id, turn.ReminderName ?? "?");
        }

        if (turn.HasEffects)
        {
            await CommitAsync(null);
        }
    }

    internal void EndTurn()
    {
        _turn = null;
        ResetState();
    }

    /// <summary>The version this activation holds, for the runtime.</summary>
    internal long LoadedVersion => Version;

    internal void Load(GrainRecord? record)
    {
        Version = record?.Version ?? 0;
        LoadState(record?.State);
    }

    /// <summary>The size of the committed state, for the activation cache's memory estimate.</summary>
    internal abstract int StateSize { get; }

    private protected abstract void LoadState(byte[]? data);

    private protected abstract void ResetState();

    private protected Serialization.IGrainStateSerializer Serializer => Activation.Runtime.Serializer;
}
