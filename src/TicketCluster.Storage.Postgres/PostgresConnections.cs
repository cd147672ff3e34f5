using System.Data.Common;
using Npgsql;
using TicketCluster.Storage.Commit;

namespace TicketCluster.Storage.Postgres;

/// <summary>The connection pool of a PostgreSQL storage.</summary>
internal static class PostgresConnections
{
    /// <summary>
    /// The connection pool. Unless the connection string says otherwise, statements are prepared on
    /// their second use (the state read and write are each planned once per connection instead of on
    /// every call), and a connection going back to the pool is not reset: the storage leaves no session
    /// state behind (no SET, no temporary tables; its advisory lock is transaction-scoped). Behind a
    /// pooler without prepared-statement support, set <c>Max Auto Prepare=0</c>.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>
    /// How a provider batches its point reads: the reads that arrive while earlier ones are in flight leave
    /// together, up to the writes' batch size, with as many batches in flight as the writes have, and never
    /// wait for more (a read alone goes at once). Off when the writes' group commit is off (a baseline).
    /// </summary>
    public static GroupCommitOptions ReadBatching(GroupCommitOptions writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return new GroupCommitOptions
        {
            Enabled = writes.Enabled,
            MaxBatchSize = writes.MaxBatchSize,
            MaxBatchesInFlight = writes.MaxBatchesInFlight,
            MaxDelay = TimeSpan.Zero,
        };
    }
}
