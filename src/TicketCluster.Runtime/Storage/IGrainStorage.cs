using TicketCluster.Storage;

namespace TicketCluster.Runtime.Storage;

/// <summary>
/// The storage contract of the grain runtime: the only place where nodes agree. Every cross-node
/// guarantee (no lost update, a reminder fired once in effect, a claim that expires with its node,
/// idempotent intake) is a property of an implementation of this interface, proved by the contract
/// test suite that every implementation runs.
/// </summary>
/// <remarks>
/// <para>Every method either does what it says or throws; an implementation never swallows a
/// database error and never returns an empty result in place of one.</para>
/// <para>Times that decide due-ness (<see cref="ClaimDueRemindersAsync"/>, lease expiry) are judged by
/// the database's clock where the database has one that all nodes share (PostgreSQL); a single-node
/// implementation may use the process clock it was given.</para>
/// </remarks>
public interface IGrainStorage : IAsyncDisposable
{
    /// <summary>Applies the versioned schema scripts that are not yet applied. Idempotent and safe
    /// to call from several nodes at once.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Reads a grain's state, or null when the grain has never been written.</summary>
    Task<GrainRecord?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>Reads the states of several grains in one round trip (the reminder dispatcher loads the
    /// grains of a claimed batch at once). Grains never written are absent from the result.</summary>
    Task<IReadOnlyDictionary<GrainId, GrainRecord>> ReadStatesAsync(IReadOnlyCollection<GrainId> grains, CancellationToken cancellationToken);

    /// <summary>Reads the reminders a grain has registered, in name order.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a batch of grain writes in one transaction and (where the database is remote) one round
    /// trip. Each write is judged on its own: one that fails its check (<see cref="WriteStatus"/>) leaves
    /// no trace and does not fail the others. The results are in the order of <paramref name="writes"/>.
    /// Two writes of the same grain in one batch are applied in order, the second checked against the
    /// version the first produced.
    /// </summary>
    Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken);

    /// <summary>The grain that recorded an idempotency key, or null when the key is unknown.</summary>
    Task<GrainId?> FindIdempotencyOwnerAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Of the given keys in a scope, those already recorded (used by receivers to skip events
    /// they have applied).</summary>
    Task<IReadOnlySet<string>> FindRecordedKeysAsync(string scope, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> reminders that are due and not held by a live lease, earliest
    /// due first, for <paramref name="owner"/> until now + <paramref name="lease"/>. Each claim increments
    /// the reminder's fencing number; only a write carrying the current number may complete it.
    /// Concurrent callers on any number of nodes never receive the same claim while its lease is live.
    /// </summary>
    Task<IReadOnlyList<ClaimedReminder>> ClaimDueRemindersAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives up every live claim of <paramref name="owner"/> (graceful shutdown), so other nodes
    /// need not wait for the lease to run out. Returns how many were released.</summary>
    Task<int> ReleaseRemindersAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The due time of the earliest reminder that is not held by a live lease, or null when
    /// there is none; lets a dispatcher sleep until then.</summary>
    Task<DateTimeOffset?> NextReminderDueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> undelivered outbox messages, oldest first, not held by a live
    /// lease. Delivery is at least once: a claim whose holder dies is claimed again after its lease.
    /// Each target's messages are claimed in order: a message is passed over while an earlier message
    /// of the same target is undelivered and held by another live claim (for example one whose delivery
    /// failed and waits for its lease to run out), so a later message never overtakes an earlier one.
    /// </summary>
    Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimOutboxAsync(string owner, int max, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes delivered messages whose fencing number still matches; returns how many were
    /// removed (a message re-claimed by another node in the meantime is left to that node).</summary>
    Task<int> CompleteOutboxAsync(IReadOnlyList<OutboxCompletion> delivered, CancellationToken cancellationToken);

    /// <summary>Reads a ticket's query row, or null.</summary>
    Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the ticket query table: the rows matching every filter of <paramref name="query"/>,
    /// in its sort order, after its cursor (keyset pagination, see <see cref="TicketCursor"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1 to <see cref="TicketQuery.MaxLimit"/>.</exception>
    /// <exception cref="InvalidCursorException">The cursor is malformed or belongs to another sort.</exception>
    Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken);

    /// <summary>Streams the ticket rows created in [<paramref name="from"/>, <paramref name="until"/>),
    /// oldest first (ties by ticket id), for reports. Rows are read as the enumeration proceeds.</summary>
    IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Counts for telemetry and health: reminders pending and due, outbox backlog.</summary>
    Task<StorageStatistics> ReadStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Records a node's heartbeat in the membership table (insert or replace), stamped with the
    /// storage's clock. Membership is for visibility (<c>GET /api/v1/cluster</c>): no guarantee depends on
    /// it; reminder claims expire on their own leases.</summary>
    Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>The membership table, in node id order; a node whose last heartbeat is older than
    /// <paramref name="deadAfter"/> by the storage's clock is <see cref="ClusterNodeRecord.Expired"/>.
    /// Rows of nodes silent for longer than a day are removed.</summary>
    Task<IReadOnlyList<ClusterNodeRecord>> ReadMembershipAsync(TimeSpan deadAfter, CancellationToken cancellationToken);

    /// <summary>Removes a node that left the cluster cleanly.</summary>
    Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken);
}
