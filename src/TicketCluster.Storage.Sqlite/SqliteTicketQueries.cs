using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace TicketCluster.Storage.Sqlite;

/// <summary>The reads of the ticket query table on SQLite (schema script 0002 adds their indexes): the work
/// queue's page, one ticket's row, the report's rows, an intake key's owner and the backlogs. The grain
/// storage (<see cref="State.SqliteStateStorage"/>) serves them.</summary>
internal static class SqliteTicketQueries
{
    /// <summary>Ticket ids in BINARY (byte) order, the default; "no deadline" is the largest INTEGER,
    /// after the ticks of every real time.</summary>
    public static readonly TicketSqlDialect Dialect = new("", "9223372036854775807");

    public static async Task<TicketPage> QueryAsync(SqliteConnection connection, TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var (sql, arguments) = TicketQuerySql.Page(query, after, Dialect);
        await using var command = SqliteCommands.Command(connection, null, sql, Arguments(arguments));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TicketQueryRow>(query.Limit + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return TicketPage.FromFetched(rows, query);
    }

    public static async Task<TicketQueryRow?> ReadRowAsync(SqliteConnection connection, string ticketId, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Command(
            connection,
            null,
            $"""
            SELECT {TicketQueryTable.Columns}
            FROM ticket_query WHERE ticket_id = $id
            """,
            ("$id", ticketId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    public static async IAsyncEnumerable<TicketQueryRow> ReadCreatedAsync(
        SqliteConnection connection,
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Command(connection, null, TicketQuerySql.CreatedBetween(Dialect), Arguments([new("from", from), new("to", until)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }

    /// <summary>The owner's grain key of an intake key (for a ticket, its id), or null.</summary>
    public static async Task<string?> FindKeyOwnerAsync(SqliteConnection connection, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Command(connection, null, "SELECT owner_key FROM idempotency WHERE scope = $scope AND key = $key", ("$scope", scope), ("$key", key));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Reminders of the service (all, and due at <paramref name="now"/>) and tickets owing events,
    /// the latter from the partial index on <c>events_pending_since</c>.</summary>
    public static async Task<TicketBacklog> ReadBacklogAsync(SqliteConnection connection, string serviceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Command(
            connection,
            null,
            """
            SELECT (SELECT count(*) FROM orleans_reminders WHERE service_id = $service),
                   (SELECT count(*) FROM orleans_reminders WHERE service_id = $service AND start_at <= $now),
                   (SELECT count(*) FROM ticket_query WHERE events_pending_since IS NOT NULL),
                   (SELECT min(events_pending_since) FROM ticket_query WHERE events_pending_since IS NOT NULL)
            """,
            ("$service", serviceId),
            ("$now", SqliteTime.ToTicks(now)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TicketBacklog(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : SqliteTime.FromTicks(reader.GetInt64(3)));
    }

    private static TicketQueryRow ReadRow(SqliteDataReader reader) =>
        TicketQueryTable.Read(reader, static (r, i) => SqliteTime.FromTicks(r.GetInt64(i)));

    private static (string Name, object? Value)[] Arguments(IEnumerable<SqlArgument> arguments) =>
        [.. arguments.Select(a => ("@" + a.Name, a.Value is DateTimeOffset time ? SqliteTime.ToTicks(time) : a.Value))];
}
