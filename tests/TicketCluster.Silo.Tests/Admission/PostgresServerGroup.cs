using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>One throwaway PostgreSQL server for every test of this assembly that needs one. (The
/// assembly may hold one such definition only.)</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresFixture>;
