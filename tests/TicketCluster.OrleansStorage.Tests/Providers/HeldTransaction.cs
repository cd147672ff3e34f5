using System.Data.Common;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>A transaction holding a lock on another connection. Disposing it runs
/// <paramref name="sqlBeforeRelease"/> and commits, or rolls back when none is given.</summary>
public sealed class HeldTransaction(DbConnection connection, DbTransaction transaction, string? sqlBeforeRelease) : IAsyncDisposable
{
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
