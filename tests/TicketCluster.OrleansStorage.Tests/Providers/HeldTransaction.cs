using System.Data.Common;
using Npgsql;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>A transaction holding a lock on another connection. Disposing it runs
/// <paramref name="sqlBeforeRelease"/> and commits, or rolls back when none is given.</summary>
public sealed class HeldTransaction(DbConnection connection, DbTransaction transaction, string? sqlBeforeRelease) : IAsyncDisposable
{
    /// <summary>A PostgreSQL table lock that every insert, update and delete of <paramref name="table"/> waits for
    /// (with <paramref name="mode"/> <c>ACCESS EXCLUSIVE</c>, every read too), held on a connection of its own until
    /// disposed.</summary>
    public static async Task<HeldTransaction> LockTableAsync(string database, string table, string? sqlBeforeRelease, CancellationToken cancellationToken, string mode = "SHARE ROW EXCLUSIVE")
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"LOCK TABLE {table} IN {mode} MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new HeldTransaction(connection, transaction, sqlBeforeRelease);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqlBeforeRelease is null)
        {
            await transaction.RollbackAsync();
        }
        else
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sqlBeforeRelease;
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
