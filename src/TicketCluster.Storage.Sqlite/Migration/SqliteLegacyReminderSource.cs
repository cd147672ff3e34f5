using Microsoft.Data.Sqlite;
using TicketCluster.Storage.Migration;

namespace TicketCluster.Storage.Sqlite.Migration;

/// <summary>
/// <c>legacy_reminders</c> on the node's SQLite file (one node): a page is read without holding a
/// transaction, since the grains it reconciles write to the same file meanwhile; completing it deletes its
/// rows in one transaction. A node that dies mid-page has deleted nothing of it and takes it again.
/// </summary>
public sealed class SqliteLegacyReminderSource(string connectionString) : ILegacyReminderSource
{
    private readonly string _connectionString = SqliteFileConnectionString.Normalize(connectionString, "legacy reminder import");

    public async Task<LegacyReminderPage?> TakePageAsync(int size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        await using var connection = await OpenAsync(cancellationToken);
        if (!SqliteRuntimeMigration.Exists(connection, null, RuntimeTables.LegacyRemindersTable))
        {
            return null;
        }

        var rows = new List<LegacyReminderRow>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT grain_type, grain_key, name FROM {RuntimeTables.LegacyRemindersTable} ORDER BY due_at LIMIT $size";
            command.Parameters.AddWithValue("$size", size);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new LegacyReminderRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        return rows.Count == 0 ? null : new Page(rows, this);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return SqliteRuntimeMigration.Exists(connection, null, RuntimeTables.LegacyRemindersTable)
            ? SqliteRuntimeMigration.Count(connection, null, RuntimeTables.LegacyRemindersTable)
            : 0;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 30000";
        busy.ExecuteNonQuery();
        return connection;
    }

    private sealed class Page(IReadOnlyList<LegacyReminderRow> rows, SqliteLegacyReminderSource source) : LegacyReminderPage(rows)
    {
        public override async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await using var connection = await source.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            foreach (var row in Rows)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"DELETE FROM {RuntimeTables.LegacyRemindersTable} WHERE grain_type = $type AND grain_key = $key AND name = $name";
                command.Parameters.AddWithValue("$type", row.GrainType);
                command.Parameters.AddWithValue("$key", row.GrainKey);
                command.Parameters.AddWithValue("$name", row.Name);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        protected override ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
    }
}
