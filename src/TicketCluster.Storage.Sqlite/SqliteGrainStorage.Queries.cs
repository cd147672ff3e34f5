using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TicketCluster.Runtime.Storage;

namespace TicketCluster.Storage.Sqlite;

/// <summary>The ticket list and the report read (schema script 0002 adds their indexes), on reader
/// connections. Ticket ids compare with the default BINARY collation, byte order.</summary>
public sealed partial class SqliteGrainStorage
{
    public async Task<TicketPage> QueryTicketsAsync(TicketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.Validate();
        var (sql, arguments) = TicketQuerySql.Page(query, after, "");
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
        await using var command = Command(connection, null, TicketQuerySql.CreatedBetween(""), Arguments([new("from", from), new("to", until)]));
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
