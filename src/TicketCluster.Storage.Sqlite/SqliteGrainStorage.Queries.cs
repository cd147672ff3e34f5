using System.Runtime.CompilerServices;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

/// <summary>The ticket list and the report read, on reader connections (<see cref="SqliteTicketQueries"/>).</summary>
public sealed partial class SqliteGrainStorage
{
    internal static TicketSqlDialect Dialect => SqliteTicketQueries.Dialect;

    public async Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.QueryAsync(connection, query, cancellationToken);
    }

    public async IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await foreach (var row in SqliteTicketQueries.ReadCreatedAsync(connection, from, until, cancellationToken))
        {
            yield return row;
        }
    }

    public async Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await SqliteTicketQueries.ReadRowAsync(connection, ticketId, cancellationToken);
    }
}
