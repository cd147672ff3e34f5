using Microsoft.Data.Sqlite;

namespace TicketCluster.Storage.Sqlite;

/// <summary>
/// The connections of a SQLite storage: one writer connection, used by one caller at a time (SQLite has
/// one writer anyway; queuing here instead of in SQLite's busy handler keeps the order fair and the waits
/// cancellable), and pooled reader connections that see the last committed state without blocking it.
/// WAL journal, <c>synchronous = FULL</c>, busy timeout 30 s.
/// </summary>
internal sealed class SqliteConnections : IAsyncDisposable
{
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly SemaphoreSlim _writerGate = new(1, 1);
    private SqliteConnection? _writer;
    private bool _disposed;

    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string (<c>Data Source=path</c>);
    /// the file's directory is created when missing.</param>
    public SqliteConnections(string connectionString, string owner)
    {
        ConnectionString = SqliteFileConnectionString.Normalize(connectionString, owner);
    }

    public string ConnectionString { get; }

    /// <summary>Runs <paramref name="work"/> on the writer connection, one caller at a time.</summary>
    public async Task<T> WithWriterAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _writerGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                var writer = new SqliteConnection(ConnectionString);
                await writer.OpenAsync(cancellationToken);
                Pragmas(writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
                _writer = writer;
            }

            return work(_writer);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            Pragmas(connection, "");
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the writer and clears the file's connection pool, so the file can be deleted or
    /// opened afresh.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writerGate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                await _writer.DisposeAsync();
                _writer = null;
            }

            await using var probe = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(probe);
        }
        finally
        {
            _writerGate.Release();
        }
    }

    private static void Pragmas(SqliteConnection connection, string extra)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; {extra}";
        command.ExecuteNonQuery();
    }
}
