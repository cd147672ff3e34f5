using Xunit;

namespace TicketCluster.Testing.Postgres;

/// <summary>
/// The xunit collection fixture: one PostgreSQL server for a whole test assembly. A test assembly
/// declares the collection with
/// <c>[CollectionDefinition(PostgresFixture.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</c>
/// and its test classes take the fixture in their constructor.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The collection name test classes use in <c>[Collection(...)]</c>.</summary>
    public const string Collection = "Postgres";

    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
