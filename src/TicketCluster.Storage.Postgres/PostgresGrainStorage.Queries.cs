using System.Runtime.CompilerServices;
using Npgsql;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

/// <summary>The ticket list and the report read (<see cref="PostgresTicketQueries"/>).</summary>
public sealed partial class PostgresGrainStorage
{
    internal static TicketSqlDialect Dialect => PostgresTicketQueries.Dialect;

    public Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken) =>
        PostgresTicketQueries.QueryAsync(_dataSource, query, cancellationToken);

    public IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        PostgresTicketQueries.ReadCreatedAsync(_dataSource, from, until, cancellationToken);

    public Task<TicketQueryRow?> ReadTicketRowAsync(string ticketId, CancellationToken cancellationToken) =>
        PostgresTicketQueries.ReadRowAsync(_dataSource, ticketId, cancellationToken);

    internal static void AddArguments(NpgsqlCommand command, IEnumerable<SqlArgument> arguments) =>
        PostgresTicketQueries.AddArguments(command, arguments);
}
