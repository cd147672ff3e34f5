using System.Data.Common;
using Npgsql;

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
}
