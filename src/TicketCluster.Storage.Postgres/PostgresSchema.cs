using Microsoft.Extensions.Logging;
using Npgsql;
using TicketCluster.Storage.Postgres.Diagnostics;

namespace TicketCluster.Storage.Postgres;

/// <summary>
/// Applies the embedded, versioned schema scripts (<c>Schema/NNNN_name.sql</c>) that the
/// <c>schema_version</c> table does not list yet. The whole upgrade runs in one transaction that
/// first takes a transaction-scoped advisory lock, so nodes starting together apply each script once:
/// the second waits for the first to commit and then finds nothing to do.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock key of schema upgrades ("TCSCHEMA" as a number).</summary>
    private const long AdvisoryLockKey = 0x5443534348454D41;

    public static async Task EnsureAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        var scripts = LoadScripts();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({AdvisoryLockKey});
            CREATE TABLE IF NOT EXISTS schema_version (
              version integer PRIMARY KEY,
              name text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now());
            """,
            connection,
            transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_version", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var command = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            PostgresStorageLog.SchemaScriptApplied(logger, script.Version, script.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        PostgresStorageLog.SchemaUpToDate(logger, scripts.Count == 0 ? 0 : scripts[^1].Version);
    }

    private static List<SchemaScript> LoadScripts() =>
        SchemaScript.LoadEmbedded(typeof(PostgresSchema).Assembly, "TicketCluster.Storage.Postgres.Schema.");
}
