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

    /// <summary>The statements the server ran in this connection's database since the last reset, counted by kind
    /// (pg_stat_statements' top-level calls: each statement of a group-committed batch counts, though the batch
    /// is one round trip).</summary>
    public static async Task<StatementCounts> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(sum(calls) FILTER (WHERE query ILIKE 'SELECT state, version FROM grain_state%'), 0)::bigint,
                   coalesce(sum(calls) FILTER (WHERE query ILIKE '%tc_state_write(%'), 0)::bigint,
                   coalesce(sum(calls) FILTER (WHERE query ILIKE '%orleansreminderstable%'), 0)::bigint,
                   coalesce(sum(calls) FILTER (WHERE query ILIKE '%FROM idempotency%'), 0)::bigint,
                   coalesce(sum(calls), 0)::bigint
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StatementCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>The server's commits in this connection's database and its WAL writes and flushes (pg_stat_database,
    /// pg_stat_wal), cumulative: subtract two readings.</summary>
    public static async Task<CommitCounts> CommitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), w.wal_write, w.wal_sync FROM pg_stat_wal AS w",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new CommitCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
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

/// <summary>Statements by kind: state reads on activation, state writes, reminder table statements, intake-key
/// lookups, and all of them (the rest: membership, the sweeper's reads, transaction control).</summary>
internal sealed record StatementCounts(long StateReads, long StateWrites, long Reminders, long KeyLookups, long All)
{
    /// <summary>Each count divided by <paramref name="count"/> (intakes, opens).</summary>
    public (double StateReads, double StateWrites, double Reminders, double KeyLookups, double All) Per(double count) =>
        (StateReads / count, StateWrites / count, Reminders / count, KeyLookups / count, All / count);
}

/// <summary>Commits in one database, and the server's WAL writes and flushes to disk.</summary>
internal sealed record CommitCounts(long Commits, long WalWrites, long WalSyncs)
{
    public static CommitCounts operator -(CommitCounts after, CommitCounts before) =>
        new(after.Commits - before.Commits, after.WalWrites - before.WalWrites, after.WalSyncs - before.WalSyncs);

    /// <summary>Each count divided by <paramref name="count"/> (opens), to two decimals.</summary>
    public string Per(double count) => string.Create(
        CultureInfo.InvariantCulture, $"commits {Commits / count:F2}, WAL writes {WalWrites / count:F2}, WAL flushes {WalSyncs / count:F2}");
}
