using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace TicketCluster.Storage.Postgres;

/// <summary>The reads of the ticket query table on PostgreSQL (schema script 0003 adds their indexes): the
/// work queue's page, one ticket's row, the report's rows, an intake key's owner and the backlogs. The grain
/// storage (<see cref="State.PostgresStateStorage"/>) serves them.</summary>
internal static class PostgresTicketQueries
{
    /// <summary>Ticket ids in byte order; "no deadline" is <c>infinity</c>, after every real time.</summary>
    public static readonly TicketSqlDialect Dialect = new(" COLLATE \"C\"", "'infinity'::timestamptz");

    public static async Task<TicketPage> QueryAsync(NpgsqlDataSource dataSource, TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var (sql, arguments) = TicketQuerySql.Page(query, after, Dialect);
        await using var command = dataSource.CreateCommand(sql);
        AddArguments(command, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TicketQueryRow>(query.Limit + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return TicketPage.FromFetched(rows, query);
    }

    public static async Task<TicketQueryRow?> ReadRowAsync(NpgsqlDataSource dataSource, string ticketId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {TicketQueryTable.Columns}
            FROM ticket_query WHERE ticket_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ticketId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    public static async IAsyncEnumerable<TicketQueryRow> ReadCreatedAsync(
        NpgsqlDataSource dataSource,
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TicketQuerySql.CreatedBetween(Dialect));
        AddArguments(command, [new("from", from), new("to", until)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }

    /// <summary>The owner's grain key of an intake key (for a ticket, its id), or null.</summary>
    public static async Task<string?> FindKeyOwnerAsync(NpgsqlDataSource dataSource, string scope, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT owner_key FROM idempotency WHERE scope = $1 AND key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Reminders of the service in Orleans' table (all, and due now) and tickets owing events, the
    /// latter from the partial index on <c>events_pending_since</c>.</summary>
    public static async Task<TicketBacklog> ReadBacklogAsync(NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT (SELECT count(*) FROM orleansreminderstable WHERE serviceid = $1),
                   (SELECT count(*) FROM orleansreminderstable WHERE serviceid = $1 AND starttime <= now()),
                   (SELECT count(*) FROM ticket_query WHERE events_pending_since IS NOT NULL),
                   (SELECT min(events_pending_since) FROM ticket_query WHERE events_pending_since IS NOT NULL)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new TicketBacklog(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    internal static void AddArguments(NpgsqlCommand command, IEnumerable<SqlArgument> arguments)
    {
        foreach (var (name, value) in arguments)
        {
            command.Parameters.Add(value switch
            {
                string text => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = text },
                int number => new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = number },
                DateTimeOffset time => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = time.ToUniversalTime() },
                _ => throw new ArgumentException($"No PostgreSQL mapping for a {value.GetType().Name} argument.", nameof(arguments)),
            });
        }
    }

    private static TicketQueryRow ReadRow(NpgsqlDataReader reader) =>
        TicketQueryTable.Read(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i));
}
