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

    /// <summary>The backends of the database waiting for a lock now.</summary>
    public static Task<List<int>> LockWaitersAsync(string connectionString, CancellationToken cancellationToken) =>
        RowsAsync(
            connectionString,
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            r => r.GetInt32(0),
            cancellationToken);

    /// <summary>The backends of the database waiting for a lock, once there are at least <paramref name="expected"/>.</summary>
    public static async Task<List<int>> WaitForLockWaitersAsync(string connectionString, int expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            var waiters = await LockWaitersAsync(connectionString, cancellationToken);
            if (waiters.Count >= expected)
            {
                return waiters;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
