using System.Globalization;
using System.Text;
using Npgsql;

namespace TicketCluster.Benchmarks;

/// <summary>
/// The server's own account of where its time went (pg_stat_statements, statements inside functions
/// included), for profiling one case with <c>--only … --pg-stats</c>.
/// </summary>
internal static class StatementProfile
{
    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, round(total_exec_time)::bigint, round((total_exec_time / greatest(calls, 1))::numeric, 3)::float8,
                   rows, shared_blks_hit + shared_blks_read, wal_bytes::bigint,
                   regexp_replace(left(query, 140), '\s+', ' ', 'g')
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var s = new StringBuilder("calls | total ms | mean ms | rows | blocks | WAL bytes | statement\n");
        while (await reader.ReadAsync())
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)} | {reader.GetInt64(1)} | {reader.GetDouble(2):F3} | {reader.GetInt64(3)} | {reader.GetInt64(4)} | {reader.GetInt64(5)} | {reader.GetString(6)}");
        }

        return s.ToString();
    }
}
