using TicketCluster.Testing.Postgres;

namespace TicketCluster.Cluster.Tests.Support;

/// <summary>One PostgreSQL server for every cluster test of this assembly.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
