using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TicketCluster.Storage.Sqlite.Diagnostics;

namespace TicketCluster.Storage.Sqlite;

/// <summary>
/// Applies the embedded, versioned schema scripts (<c>Schema/NNNN_name.sql</c>) that the
/// <c>schema_version</c> table does not list yet, in one <c>BEGIN IMMEDIATE</c> transaction: the
/// database's write lock serializes processes opening the same file together.
/// </summary>
internal static class SqliteSchema
{
    public static void Ensure(SqliteConnection connection, ILogger logger)
    {
        var scripts = LoadScripts();
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");

        var applied = new HashSet<long>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT version FROM schema_version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            Execute(connection, transaction, script.Sql);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO schema_version (version, name) VALUES ($version, $name)";
            command.Parameters.AddWithValue("$version", script.Version);
            command.Parameters.AddWithValue("$name", script.Name);
            command.ExecuteNonQuery();
            SqliteStorageLog.SchemaScriptApplied(logger, script.Version, script.Name);
        }

        transaction.Commit();
        SqliteStorageLog.SchemaUpToDate(logger, scripts.Count == 0 ? 0 : scripts[^1].Version);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<SchemaScript> LoadScripts() =>
        SchemaScript.LoadEmbedded(typeof(SqliteSchema).Assembly, "TicketCluster.Storage.Sqlite.Schema.");
}
