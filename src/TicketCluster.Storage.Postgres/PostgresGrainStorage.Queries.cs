using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Postgres;

/// <summary>The ticket list and the report read (schema script 0003 adds their indexes).</summary>
public sealed partial class PostgresGrainStorage
{
    /// <summary>Ticket ids in byte order; "no deadline" is <c>infinity</c>, after every real time.</summary>
    internal static readonly TicketSqlDialect Dialect = new(" COLLATE \"C\"", "'infinity'::timestamptz");

    public async Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var (sql, arguments) = TicketQuerySql.Page(query, after, Dialect);
        await using var command = _dataSource.CreateCommand(sql);
        AddArguments(command, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TicketQueryRow>(query.Limit + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadTicketRow(reader));
        }

        return TicketPage.FromFetched(rows, query);
    }

    public async IAsyncEnumerable<TicketQueryRow> ReadTicketRowsCreatedAsync(
        DateTimeOffset from,
        DateTimeOffset until,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(TicketQuerySql.CreatedBetween(Dialect));
        AddArguments(command, [new("from", from), new("to", until)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadTicketRow(reader);
        }
    }

    private static TicketQueryRow ReadTicketRow(NpgsqlDataReader reader) =>
        TicketQueryTable.Read(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i));

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
}
