using Orleans.Runtime;

namespace TicketCluster.Storage;

/// <summary>What the write of one grain state commits beside the state, derived from the state alone.
/// The grains register one in DI; the grain storage providers call it on every write.</summary>
public interface IStateWriteProjection
{
    /// <summary>Null when the state needs nothing beside it (customers, merchants).
    /// <paramref name="expectedRowVersion"/> is the row version the write expects (the ETag as a number,
    /// 0 when there is no row); the projection returns only the intake keys added since that version, so
    /// each key is inserted once by the write that added it.</summary>
    StateWriteExtras? Project(GrainId grainId, object state, long expectedRowVersion);
}

/// <summary>The ticket's query row and the intake keys to record, committed in the transaction of the
/// state write that carries them.</summary>
public sealed record StateWriteExtras(TicketQueryRow QueryRow, IReadOnlyList<IdempotencyRecord> KeysToRecord);
