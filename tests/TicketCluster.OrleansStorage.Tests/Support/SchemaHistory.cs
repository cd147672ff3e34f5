using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TicketCluster.Storage;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.State;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>
/// Databases as an earlier build left them: the embedded scripts up to a version applied and recorded in
/// <c>schema_version</c>, as that build's schema runner did.
/// </summary>
public static class SchemaHistory
{
    public static List<SchemaScript> PostgresScripts() =>
        SchemaScript.LoadEmbedded(typeof(PostgresStateStorage).Assembly, "TicketCluster.Storage.Postgres.Schema.");

    public static List<SchemaScript> SqliteScripts() =>
        SchemaScript.LoadEmbedded(typeof(SqliteStateStorage).Assembly, "TicketCluster.Storage.Sqlite.Schema.");

    /// <summary>Applies every script, as the grain storage provider does when the silo starts.</summary>
    public static async Task ApplyPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var storage = new PostgresStateStorage(
            GrainStorageNames.TicketCluster, connectionString, PostgresStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<PostgresStateStorage>.Instance);
        await storage.EnsureSchemaAsync(cancellationToken);
    }

    /// <summary>Applies every script, as the grain storage provider does when the silo starts.</summary>
    public static async Task ApplySqliteAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var storage = new SqliteStateStorage(
            GrainStorageNames.TicketCluster, connectionString, SqliteStateStorage.DefaultGroupCommit(), null, TimeProvider.System, NullLogger<SqliteStateStorage>.Instance);
        await storage.EnsureSchemaAsync(cancellationToken);
    }

    public static async Task ApplyPostgresUpToAsync(string connectionString, int version, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var script in PostgresScripts().Where(s => s.Version <= version))
        {
            await using var apply = new NpgsqlCommand(script.Sql, connection, transaction);
            await apply.ExecuteNonQueryAsync(cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static void ApplySqliteUpTo(string connectionString, int version)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        foreach (var script in SqliteScripts().Where(s => s.Version <= version))
        {
            Execute(connection, script.Sql);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_version (version, name) VALUES ($version, $name)";
            record.Parameters.AddWithValue("$version", script.Version);
            record.Parameters.AddWithValue("$name", script.Name);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
