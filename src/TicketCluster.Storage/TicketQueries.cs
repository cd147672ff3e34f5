namespace TicketCluster.Storage;

/// <summary>
/// Reading across tickets, for the API: work queues, the report's rows, one ticket's row and the counts of the
/// cluster view. Served from the ticket query table the grain storage writes in the state's transaction
/// (docs/storage.md, "Orleans grain storage"); never from state blobs.
/// </summary>
public interface ITicketQueries
{
    /// <summary>One page of a work queue.</summary>
    /// <exception cref="InvalidCursorException">The query's cursor is not one this list returned.</exception>
    Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken);

    /// <summary>The query row of one ticket, or null. Also the readiness probe's read.</summary>
    Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>Every ticket row created in [<paramref name="from"/>, <paramref name="until"/>), streamed.</summary>
    IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The backlogs the cluster view shows: reminders of <paramref name="serviceId"/> and events owed.</summary>
    Task<TicketBacklog> ReadBacklogAsync(string serviceId, CancellationToken cancellationToken);
}

/// <summary>What is waiting: the reminders registered for the service (one per counting clock), those due
/// at <c>now</c>, and the tickets that still owe events to a party or a webhook feed, with the oldest debt's
/// time.</summary>
public sealed record TicketBacklog(long RemindersPending, long RemindersDue, long TicketsOwingEvents, DateTimeOffset? OldestEventOwedSince);

/// <summary>Finds the ticket that holds an intake key: a primary-key read of the keys the ticket's writes
/// record (the <c>idempotency</c> table).</summary>
public interface IIntakeKeyLookup
{
    Task<string?> FindOwnerAsync(string scope, string key, CancellationToken cancellationToken);
}

/// <summary>Where the sweeper finds tickets to poke: the query table's two sweep indexes. Never the state
/// blobs.</summary>
public interface ITicketSweepSource
{
    /// <summary>Up to <paramref name="limit"/> ticket ids whose next tick, or oldest unacknowledged event,
    /// is before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<string>> ReadOverdueTicketIdsAsync(DateTimeOffset before, int limit);
}
