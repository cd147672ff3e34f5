using Npgsql;
using TicketCluster.Storage.Migration;

namespace TicketCluster.Storage.Postgres.Migration;

/// <summary>
/// The upgrade from the home-made runtime on PostgreSQL (docs/orleans.md, section 13.1): reads what is
/// left of the runtime's tables, and <see cref="MigrateAsync"/> sets its reminders aside for the import.
/// </summary>
public static class PostgresRuntimeMigration
{
    /// <summary>
    /// Refuses while the runtime's <c>outbox</c> holds rows; otherwise renames <c>reminders</c> to
    /// <c>legacy_reminders</c>, or finds it done. One transaction under the schema's advisory lock, so it
    /// never interleaves with a schema upgrade.
    /// </summary>
    public static async Task<MigrateResult> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresSchema.AdvisoryLockKey})", cancellationToken);
        var tables = await ReadAsync(connection, transaction, cancellationToken);
        if (tables.Outbox > 0)
        {
            return new MigrateResult(MigrateOutcome.OutboxNotEmpty, tables);
        }

        if (!tables.RemindersPresent)
        {
            return new MigrateResult(MigrateOutcome.AlreadyMigrated, tables);
        }

        await ExecuteAsync(connection, transaction, $"ALTER TABLE {RuntimeTables.Reminders} RENAME TO {RuntimeTables.LegacyRemindersTable}", cancellationToken);
        var renamed = await ReadAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MigrateResult(MigrateOutcome.Renamed, renamed);
    }

    /// <summary>What is left of the runtime's tables, read in <paramref name="transaction"/>.</summary>
    internal static async Task<RuntimeTables> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        bool reminders, legacy, outbox;
        await using (var command = new NpgsqlCommand(
            $"SELECT to_regclass('{RuntimeTables.Reminders}') IS NOT NULL, to_regclass('{RuntimeTables.LegacyRemindersTable}') IS NOT NULL, to_regclass('{RuntimeTables.OutboxTable}') IS NOT NULL",
            connection,
            transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (reminders, legacy, outbox) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));
        }

        return new RuntimeTables(
            reminders,
            legacy ? await CountAsync(connection, transaction, RuntimeTables.LegacyRemindersTable, cancellationToken) : null,
            outbox ? await CountAsync(connection, transaction, RuntimeTables.OutboxTable, cancellationToken) : null);
    }

    internal static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
