using System.Globalization;
using Npgsql;

namespace TicketCluster.Testing.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL server for tests: initdb into a temporary directory, started with
/// pg_ctl on a free loopback port (its unix socket inside that directory), stopped and deleted on
/// dispose or when the test process exits. When <see cref="ExternalServerVariable"/> holds a
/// connection string, that server is used instead and nothing is started.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of starting one.</summary>
    public const string ExternalServerVariable = "TICKETCLUSTER_TEST_POSTGRES";

    private readonly PostgresBinaries? _binaries;
    private readonly string? _directory;
    private readonly PostgresServerOptions _options;
    private readonly int _port;
    private int _disposed;

    private PostgresServer(string adminConnectionString, PostgresBinaries? binaries, string? directory, int port, PostgresServerOptions options)
    {
        AdminConnectionString = adminConnectionString;
        _binaries = binaries;
        _directory = directory;
        _port = port;
        _options = options;
        if (directory is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }
    }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>False for an external server: it cannot be restarted from here.</summary>
    public bool CanRestart => _binaries is not null;

    private string DataDirectory => Path.Combine(_directory!, "data");

    /// <summary>The server's main process (the postmaster), from its pid file; its backends are its
    /// children. Lets a benchmark count this server's CPU apart from other servers on the machine.</summary>
    public int ProcessId => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Starts a server (or connects to the external one) and waits until it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresServerOptions();
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, null, null, 0, options);
            await server.WaitUntilAcceptingAsync(cancellationToken);
            return server;
        }

        var binaries = PostgresBinaries.Find();
        var directory = Path.Combine(Path.GetTempPath(), "tc-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            await PostgresBinaries.ChownToPostgresAsync(directory, cancellationToken);
            await binaries.RunAsync(
                "initdb",
                ["-D", Path.Combine(directory, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                options.StartTimeout,
                cancellationToken);
            // The free port is probed, then bound by the server: another process may take it in
            // between, so a failed start is retried on a new port.
            for (var attempt = 1; ; attempt++)
            {
                var port = LoopbackPorts.Free();
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    Pooling = false,
                }.ConnectionString;
                var server = new PostgresServer(connectionString, binaries, directory, port, options);
                try
                {
                    await server.StartProcessAsync(cancellationToken);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    AppDomain.CurrentDomain.ProcessExit -= server.OnProcessExit;
                }
            }
        }
        catch
        {
            TryDeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it; each test (or test
    /// class) takes its own, so tests never see each other's rows.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "tc", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 STRATEGY FILE_COPY", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Terminates every client backend (of one database, or of all when null) as a crash of
    /// the network or of the server's processes would; returns how many were terminated.</summary>
    public async Task<int> TerminateBackendsAsync(string? database = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int
            FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' AND ($1::text IS NULL OR datname = $1)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = database, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stops the server abruptly (<c>-m immediate</c>, like a crash: recovery runs on start)
    /// and starts it again on the same port. Pooled connections are broken afterwards; callers clear
    /// their pools.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_binaries is null)
        {
            throw new NotSupportedException($"An external server ({ExternalServerVariable}) cannot be restarted by the tests.");
        }

        await _binaries.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], _options.StartTimeout, cancellationToken);
        await StartProcessAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _binaries is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await _binaries.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], _options.StartTimeout, CancellationToken.None);
        }
        finally
        {
            TryDeleteDirectory(_directory!);
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var settings = new List<string>
        {
            $"-p {_port}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_directory}",
            $"-c max_connections={_options.MaxConnections.ToString(CultureInfo.InvariantCulture)}",
        };
        if (!_options.Durable)
        {
            // Not synchronous_commit=off: a commit must reach the WAL before it is acknowledged, so a
            // restart with -m immediate (a crash of the server's processes) loses nothing.
            settings.Add("-c fsync=off -c full_page_writes=off");
        }

        settings.AddRange(_options.Settings.Select(s => $"-c {s.Key}={s.Value}"));

        await _binaries!.RunAsync(
            "pg_ctl",
            ["start", "-D", DataDirectory, "-l", Path.Combine(_directory!, "server.log"), "-w", "-t", ((int)_options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-o", string.Join(' ', settings)],
            _options.StartTimeout + TimeSpan.FromSeconds(5),
            cancellationToken);
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(timeout.Token);
                return;
            }
            catch (NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                // pg_ctl -w has returned, but a server in crash recovery may still refuse for a moment.
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _binaries!.RunBlocking("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], TimeSpan.FromSeconds(10));
        TryDeleteDirectory(_directory!);
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory left behind is harmless; the test result is what counts.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
