using Npgsql;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>One-statement reads and writes of a test database, on a connection of their own.</summary>
public static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Every row of <paramref name="sql"/>, with <c>$1</c> bound to <paramref name="argument"/> when given.</summary>
    public static async Task<List<T>> RowsAsync<T>(
        string connectionString, string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, string? argument = null)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (argument is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = argument });
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
