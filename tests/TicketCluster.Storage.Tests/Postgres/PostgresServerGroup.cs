using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>One PostgreSQL server for every PostgreSQL test of this assembly.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
