namespace TicketCluster.Storage.Commit;

/// <summary>How concurrent writes are grouped into one storage round trip
/// (<see cref="GroupCommitQueue{TWrite, TResult}"/>).</summary>
public sealed class GroupCommitOptions
{
    /// <summary>When false every write is its own storage call (a baseline for benchmarks). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most writes in one batch. Default 64.</summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>How long a batch waits for more writes before it is sent. Default zero: a batch holds
    /// whatever accumulated while the previous one was in flight, and adds no latency when idle.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How many batches may be in flight at once, each on its own connection. Default 1 (one
    /// writer, the most writes per batch; SQLite has one writer anyway). A PostgreSQL node may set it to
    /// the database's cores, so that one batch executes while another waits for its commit to be
    /// flushed. The batches of one node never hold two writes of one grain (a grain's turns run one at
    /// a time), so concurrent batches do not conflict with each other on state.</summary>
    public int MaxBatchesInFlight { get; set; } = 1;
}
