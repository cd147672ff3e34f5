using TicketCluster.Testing.Postgres;

// One test of each collection at a time: xunit's default, a thread per core, would run two of the three and
// leave the third to wait for one of them.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// The assembly's three test collections. xunit runs the tests of one collection one after another and the
/// collections side by side; the tests mostly wait (for deadlines, failure detection, restarts), so three at a
/// time shorten the assembly's wall time to its longest collection's. Each collection has its own PostgreSQL
/// server (xunit makes one fixture per collection): the PostgreSQL restart test stops only its own collection's
/// server.
/// </summary>
/// <remarks>
/// Alone on two cores the tests took about 45 (deadline bound), 55 (backlog), 113 (the four of
/// <see cref="ClusterTests"/>) and 167 s (the four of <see cref="FaultTests"/>): in two collections 213 and 167 s,
/// in three 113, 100 and 167 s.
/// </remarks>
public static class PostgresServerGroup
{
    /// <summary>Steady clusters and kills under traffic (<see cref="ClusterTests"/>).</summary>
    public const string Kills = "Cluster kills";

    /// <summary>The deadline bound after a kill and the backlog after an outage (<see cref="DeadlineTests"/>,
    /// <see cref="BacklogTests"/>).</summary>
    public const string Deadlines = "Cluster deadlines";

    /// <summary>Pauses, restarts and scaling (<see cref="FaultTests"/>).</summary>
    public const string Faults = "Cluster faults";
}

[CollectionDefinition(PostgresServerGroup.Kills)]
public sealed class KillsServer : ICollectionFixture<PostgresFixture>;

[CollectionDefinition(PostgresServerGroup.Deadlines)]
public sealed class DeadlinesServer : ICollectionFixture<PostgresFixture>;

[CollectionDefinition(PostgresServerGroup.Faults)]
public sealed class FaultsServer : ICollectionFixture<PostgresFixture>;
