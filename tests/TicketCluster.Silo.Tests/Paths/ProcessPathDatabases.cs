using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Paths;

/// <summary>The process paths on the embedded SQLite file, a new one for each test.</summary>
public sealed class SqliteProcessPathTests : ProcessPathTests
{
    protected override Task<TestSilo> StartSiloAsync(IReadOnlyDictionary<string, string?> settings) => TestSilo.StartSqliteAsync(settings);
}

/// <summary>The process paths on PostgreSQL: one database for the class (each test's ids are its own),
/// a new node on it for each test.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresProcessPathTests(PostgresFixture fixture) : ProcessPathTests
{
    // xunit makes an instance per test; the database is made once, by the first test of the class (the
    // tests of one class run one after another).
    private static Task<string>? _database;

    protected override async Task<TestSilo> StartSiloAsync(IReadOnlyDictionary<string, string?> settings) =>
        await TestSilo.StartPostgresAsync(await (_database ??= fixture.Server.CreateDatabaseAsync("paths")), settings);
}
