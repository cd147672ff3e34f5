using Microsoft.Data.Sqlite;

namespace TicketCluster.Storage.Sqlite;

/// <summary>The connection string of a database file: pooled, the path made absolute, its directory created.</summary>
internal static class SqliteFileConnectionString
{
    /// <param name="user">Names who needs the file in the error for an in-memory database.</param>
    public static string Normalize(string connectionString, string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException($"The {user} needs a database file (Data Source=path).", nameof(connectionString));
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ConnectionString;
    }
}
