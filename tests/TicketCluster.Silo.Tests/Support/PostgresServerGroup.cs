using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Support;

/// <summary>One throwaway PostgreSQL server for every test of this assembly that needs one. (An assembly
/// may hold one such definition only.)</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
