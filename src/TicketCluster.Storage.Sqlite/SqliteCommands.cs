using Microsoft.Data.Sqlite;

namespace TicketCluster.Storage.Sqlite;

/// <summary>A SQLite command with its parameters, on a connection and an optional transaction.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
