using Microsoft.Data.Sqlite;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>A node's SQLite database file in a temporary directory of its own, deleted with it.</summary>
public sealed class SqliteFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tc-orl-sqlite-").FullName;

    public SqliteFile() =>
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "node.db") }.ConnectionString;

    public string ConnectionString { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>.</summary>
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
