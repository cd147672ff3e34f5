using Microsoft.Data.Sqlite;
using TicketCluster.Storage.Migration;

namespace TicketCluster.Storage.Sqlite.Migration;

/// <summary>
/// The upgrade from the home-made runtime on the node's SQLite file (docs/orleans.md, section 13.1): reads
/// what is left of the runtime's tables, and <see cref="Migrate"/> sets its reminders aside for the import.
/// </summary>
public static class SqliteRuntimeMigration
{
    /// <summary>
    /// Refuses while the runtime's <c>outbox</c> holds rows; otherwise renames <c>reminders</c> to
    /// <c>legacy_reminders</c>, or finds it done. One <c>BEGIN IMMEDIATE</c> transaction.
    /// </summary>
    public static MigrateResult Migrate(string connectionString)
    {
        using var connection = new SqliteConnection(SqliteFileConnectionString.Normalize(connectionString, "migrate command"));
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var tables = Read(connection, transaction);
        if (tables.Outbox > 0)
        {
            return new MigrateResult(MigrateOutcome.OutboxNotEmpty, tables);
        }

        if (!tables.RemindersPresent)
        {
            return new MigrateResult(MigrateOutcome.AlreadyMigrated, tables);
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"ALTER TABLE {RuntimeTables.Reminders} RENAME TO {RuntimeTables.LegacyRemindersTable}";
            command.ExecuteNonQuery();
        }

        var renamed = Read(connection, transaction);
        transaction.Commit();
        return new MigrateResult(MigrateOutcome.Renamed, renamed);
    }

    /// <summary>What is left of the runtime's tables, read in <paramref name="transaction"/>.</summary>
    internal static RuntimeTables Read(SqliteConnection connection, SqliteTransaction? transaction) =>
        new(
            Exists(connection, transaction, RuntimeTables.Reminders),
            Exists(connection, transaction, RuntimeTables.LegacyRemindersTable) ? Count(connection, transaction, RuntimeTables.LegacyRemindersTable) : null,
            Exists(connection, transaction, RuntimeTables.OutboxTable) ? Count(connection, transaction, RuntimeTables.OutboxTable) : null);

    internal static bool Exists(SqliteConnection connection, SqliteTransaction? transaction, string table) =>
        Scalar(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name", table) > 0;

    internal static long Count(SqliteConnection connection, SqliteTransaction? transaction, string table) =>
        Scalar(connection, transaction, $"SELECT count(*) FROM {table}", null);

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, string? name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        return (long)command.ExecuteScalar()!;
    }
}
