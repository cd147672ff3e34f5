using Npgsql;
using NpgsqlTypes;
using TicketCluster.Storage.Migration;

namespace TicketCluster.Storage.Postgres.Migration;

/// <summary>
/// <c>legacy_reminders</c> on PostgreSQL: a page is the earliest due rows not locked by another node
/// (<c>FOR UPDATE SKIP LOCKED</c>), held by the page's transaction until its rows are deleted, so several
/// silos share the import and a node that dies mid-page leaves its rows to be taken again.
/// </summary>
public sealed class PostgresLegacyReminderSource(string connectionString) : ILegacyReminderSource, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public async Task<LegacyReminderPage?> TakePageAsync(int size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await ExistsAsync(connection, transaction, cancellationToken))
            {
                await CloseAsync(connection, transaction);
                return null;
            }

            var rows = new List<LegacyReminderRow>();
            await using (var command = new NpgsqlCommand(
                $"SELECT grain_type, grain_key, name FROM {RuntimeTables.LegacyRemindersTable} ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED",
                connection,
                transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(new LegacyReminderRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (rows.Count == 0)
            {
                await CloseAsync(connection, transaction);
                return null;
            }

            return new Page(rows, connection, transaction);
        }
        catch
        {
            await CloseAsync(connection, transaction);
            throw;
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExistsAsync(connection, null, cancellationToken)
            ? await PostgresRuntimeMigration.CountAsync(connection, null, RuntimeTables.LegacyRemindersTable, cancellationToken)
            : 0;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{RuntimeTables.LegacyRemindersTable}') IS NOT NULL", connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async ValueTask CloseAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    private sealed class Page(IReadOnlyList<LegacyReminderRow> rows, NpgsqlConnection connection, NpgsqlTransaction transaction) : LegacyReminderPage(rows)
    {
        public override async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await using (var command = new NpgsqlCommand(
                $"""
                DELETE FROM {RuntimeTables.LegacyRemindersTable} AS r
                USING unnest($1::text[], $2::text[], $3::text[]) AS done (grain_type, grain_key, name)
                WHERE r.grain_type = done.grain_type AND r.grain_key = done.grain_key AND r.name = done.name
                """,
                connection,
                transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. Rows.Select(r => r.GrainType)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. Rows.Select(r => r.GrainKey)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. Rows.Select(r => r.Name)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        protected override ValueTask DisposeCoreAsync() => CloseAsync(connection, transaction);
    }
}
