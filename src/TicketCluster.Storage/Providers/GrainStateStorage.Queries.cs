namespace TicketCluster.Storage.Providers;

/// <summary>The reads the API, the intake and the sweeper make beside the grain states: the ticket query
/// table, the intake keys and the backlogs. A database error is a <see cref="StorageUnavailableException"/>.</summary>
public abstract partial class GrainStateStorage
{
    public Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Guard(() => QueryTicketRowsAsync(query, cancellationToken));
    }

    public Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticketId);
        return Guard(() => ReadQueryRowAsync(ticketId, cancellationToken));
    }

    public abstract IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    public Task<TicketBacklog> ReadBacklogAsync(string serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        return Guard(() => ReadBacklogRowsAsync(serviceId, cancellationToken));
    }

    /// <summary>The grain key of the owner of an intake key (the ticket id), or null: a primary-key read.</summary>
    public Task<string?> FindOwnerAsync(string scope, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        return Guard(() => ReadKeyOwnerAsync(scope, key, cancellationToken));
    }

    Task<IReadOnlyList<string>> ITicketSweepSource.ReadOverdueTicketIdsAsync(DateTimeOffset before, int limit) =>
        ReadOverdueTicketIdsAsync(before, limit);

    protected abstract Task<TicketPage> QueryTicketRowsAsync(TicketQuery query, CancellationToken cancellationToken);

    protected abstract Task<TicketQueryRow?> ReadQueryRowAsync(string ticketId, CancellationToken cancellationToken);

    protected abstract Task<TicketBacklog> ReadBacklogRowsAsync(string serviceId, CancellationToken cancellationToken);

    protected abstract Task<string?> ReadKeyOwnerAsync(string scope, string key, CancellationToken cancellationToken);
}
