using TicketCluster.Runtime.Storage;
using TicketCluster.Storage;

namespace TicketCluster.Runtime.Grains;

/// <summary>
/// The effects one attempt of a turn has buffered and not yet committed, plus what the runtime itself
/// adds to the turn's first write (a fired reminder's completion, a receiver's inbox records). Lives
/// for one attempt: a retried turn starts with an empty one.
/// </summary>
internal sealed class TurnContext(DateTimeOffset startedAt, ReminderCompletion? completion, bool isInbox)
{
    // Allocated on first use: most turns buffer few kinds of effects.
    private Dictionary<string, ReminderRegistration>? _register;
    private List<string>? _unregister;
    private List<OutboxMessage>? _outbox;
    private List<IdempotencyRecord>? _keys;
    private TicketQueryRow? _ticketRow;
    private ReminderCompletion? _completion = completion;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>The reminder this turn fires, if it is a reminder turn.</summary>
    public string? ReminderName { get; } = completion?.Name;

    /// <summary>The turn delivers outbox events; an inbox key it records may already be held by this very
    /// grain (another node applied the event first), which calls for a reload, not an error.</summary>
    public bool IsInbox { get; } = isInbox;

    /// <summary>Set when a write of this attempt met a newer version, even if grain code caught the
    /// exception: the attempt's view of the state is stale, so it must not commit anything else.</summary>
    public bool Conflicted { get; set; }

    /// <summary>Set when a write of this reminder turn lost its claim.</summary>
    public bool FenceLost { get; set; }

    public bool HasEffects =>
        _register?.Count > 0 || _unregister?.Count > 0 || _outbox?.Count > 0 || _keys?.Count > 0
        || _ticketRow is not null || _completion is not null;

    /// <summary>Registers or replaces; a name is never in both the registrations and the removals, so
    /// the write does not depend on the order in which a storage applies them.</summary>
    public void Register(ReminderRegistration registration)
    {
        _unregister?.Remove(registration.Name);
        (_register ??= new(StringComparer.Ordinal))[registration.Name] = registration;
    }

    public void Unregister(string name)
    {
        _register?.Remove(name);
        _unregister ??= [];
        if (!_unregister.Contains(name))
        {
            _unregister.Add(name);
        }
    }

    public void Publish(OutboxMessage message) => (_outbox ??= []).Add(message);

    public void RecordKey(IdempotencyRecord record) => (_keys ??= []).Add(record);

    public void SetTicketRow(TicketQueryRow row) => _ticketRow = row;

    public GrainWrite BuildWrite(GrainId grain, long expectedVersion, byte[]? state) =>
        new(
            grain,
            expectedVersion,
            state,
            _register is { Count: > 0 } register ? [.. register.Values] : [],
            _unregister is { Count: > 0 } unregister ? [.. unregister] : [],
            _completion,
            _outbox is { Count: > 0 } outbox ? [.. outbox] : [],
            _keys is { Count: > 0 } keys ? [.. keys] : [],
            _ticketRow);

    /// <summary>The write was committed: its effects are no longer pending.</summary>
    public void Clear()
    {
        _register?.Clear();
        _unregister?.Clear();
        _outbox?.Clear();
        _keys?.Clear();
        _ticketRow = null;
        _completion = null;
    }
}
