namespace TicketCluster.Storage.Providers;

/// <summary>
/// One grain state write as a provider's batch executes it: the row <c>(GrainType, GrainKey)</c> of
/// <c>grain_state</c>, committed only where its version is <see cref="ExpectedVersion"/> (0: no row yet),
/// with the extras of <see cref="IStateWriteProjection"/> in the same transaction.
/// </summary>
/// <remarks><see cref="State"/> is valid only until the write's commit returns (its array goes back to a pool).</remarks>
public sealed record StateWrite(string GrainType, string GrainKey, long ExpectedVersion, ReadOnlyMemory<byte> State, StateWriteExtras? Extras);

/// <summary>Why a state write was or was not committed.</summary>
public enum StateWriteStatus
{
    /// <summary>The state, its query row and its keys were committed.</summary>
    Committed = 0,

    /// <summary>The stored version was not the expected one; nothing was committed.</summary>
    VersionConflict = 1,

    /// <summary>A key of the write is owned by another grain; nothing was committed.</summary>
    DuplicateKey = 2,
}

/// <summary>The outcome of one write of a batch. <see cref="Version"/> is the new version when
/// committed, otherwise the stored one (0 when there is no row). The owner is set for
/// <see cref="StateWriteStatus.DuplicateKey"/>, with the key it owns.</summary>
public readonly record struct StateWriteResult(
    StateWriteStatus Status,
    long Version,
    string? OwnerType = null,
    string? OwnerKey = null,
    IdempotencyRecord? DuplicateKey = null);
