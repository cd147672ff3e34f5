namespace TicketCluster.Testing.Postgres;

/// <summary>How a throwaway PostgreSQL server is started.</summary>
public sealed class PostgresServerOptions
{
    /// <summary>False (the default for tests) turns off fsync and full page writes: fast, and only a
    /// crash of the machine loses data, which a throwaway server may. Commits still reach the WAL
    /// before they are acknowledged, so a crash of the server (<see cref="PostgresServer.RestartAsync"/>)
    /// loses nothing committed. Benchmarks set true to measure the server's real defaults.</summary>
    public bool Durable { get; init; }

    /// <summary>The server's max_connections. Default 400: every test database has its own pools, and a
    /// cluster test's silo holds several (grain state, reminder table, ticket queries, Orleans'
    /// clustering, the legacy reminder import), each growing under a backlog while silos restart.</summary>
    public int MaxConnections { get; init; } = 400;

    /// <summary>More server settings, as name → value (passed as <c>-c name=value</c>), after the ones
    /// above: a benchmark's memory and checkpoint sizing, or a profiling extension.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for the server to start or stop. Default 60 seconds.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
