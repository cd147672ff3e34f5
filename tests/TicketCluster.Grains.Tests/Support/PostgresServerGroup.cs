using TicketCluster.Testing.Postgres;

namespace TicketCluster.Grains.Tests.Support;

/// <summary>One throwaway PostgreSQL server for every test of this assembly that needs one.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
