using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

/// <summary>The ticket list and the report read (schema script 0002 adds their indexes), on reader
/// connections.</summary>
public sealed partial class SqliteGrainStorage
{
    /// <summary>Ticket ids in BINARY (byte) order, the default; "no deadline" is the largest INTEGER,
    /// after the ticks of every real time.</summary>
    internal static readonly TicketSqlDialect Dialect = new("", "9223372036854775807");

    public async Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var (sql, arguments) = TicketQuerySql.Page(query, after, Dialect);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, sql, Arguments(arguments));
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
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = Command(connection, null, TicketQuerySql.CreatedBetween(Dialect), Arguments([new("from", from), new("to", until)]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadTicketRow(reader);
        }
    }

    private static TicketQueryRow ReadTicketRow(SqliteDataReader reader) =>
        TicketQueryTable.Read(reader, static (r, i) => SqliteTime.FromTicks(r.GetInt64(i)));

    private static (string Name, object? Value)[] Arguments(IEnumerable<SqlArgument> arguments) =>
        [.. arguments.Select(a => ("@" + a.Name, a.Value is DateTimeOffset time ? SqliteTime.ToTicks(time) : a.Value))];
}
