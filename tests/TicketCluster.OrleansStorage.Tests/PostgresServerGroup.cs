using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
