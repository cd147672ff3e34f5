namespace TicketCluster.Runtime.Grains;

/// <summary>
/// A grain with persistent state. <typeparamref name="TState"/> should be an immutable record: the
/// activation keeps the committed instance, each turn starts from it, and <see cref="WriteStateAsync"/>
/// commits the instance the turn assigned to <see cref="State"/>. Changes a turn does not write are
/// dropped when the turn ends, and a failed write leaves the committed instance in place.
/// </summary>
public abstract class Grain<TState> : Grain
    where TState : class
{
    private TState? _committed;
    private int _stateSize;

    /// <summary>The state of the current turn: the committed state until the turn assigns a new one.</summary>
    protected TState State { get; set; } = null!;

    internal override int StateSize => _stateSize;

    /// <summary>The state of a grain never written before. Default: the parameterless constructor.</summary>
    protected virtual TState CreateInitialState() => Activator.CreateInstance<TState>();

    /// <summary>Commits <see cref="State"/> with every effect the turn buffered, in one write checked
    /// against the version this activation read. On a conflict the runtime reloads the state and runs
    /// the whole turn again; grain code lets the exception pass.</summary>
    protected async Task WriteStateAsync()
    {
        var snapshot = State;
        var data = Serializer.Serialize(snapshot);
        await CommitAsync(data);
        _committed = snapshot;
        _stateSize = data.Length;
    }

    private protected override void LoadState(byte[]? data)
    {
        _committed = data is null ? CreateInitialState() : Serializer.Deserialize<TState>(data);
        _stateSize = data?.Length ?? 0;
        State = _committed;
    }

    private protected override void ResetState() => State = _committed!;
}
