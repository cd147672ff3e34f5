using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>
/// The assembly's two test collections. xunit runs the tests of one collection one after another and the two
/// collections side by side; the tests mostly wait (for deadlines, failure detection, restarts), so two at a
/// time halve the assembly's wall time. Each collection has its own PostgreSQL server (xunit makes one
/// fixture per collection): the PostgreSQL restart test stops only its own collection's server.
/// </summary>
public static class PostgresServerGroup
{
    /// <summary>Membership, kills under traffic, the deadline bound and the backlog (<see cref="ClusterTests"/>,
    /// <see cref="DeadlineTests"/>, <see cref="BacklogTests"/>).</summary>
    public const string Kills = "Cluster kills";

    /// <summary>Pauses, restarts, scaling, and any node serving any ticket (<see cref="FaultTests"/>,
    /// <see cref="AnyNodeTests"/>). The two groups take about as long (about 3 minutes of tests each alone on
    /// two cores), so neither waits long for the other.</summary>
    public const string Faults = "Cluster faults";
}

[CollectionDefinition(PostgresServerGroup.Kills)]
public sealed class KillsServer : ICollectionFixture<PostgresFixture>;

[CollectionDefinition(PostgresServerGroup.Faults)]
public sealed class FaultsServer : ICollectionFixture<PostgresFixture>;
