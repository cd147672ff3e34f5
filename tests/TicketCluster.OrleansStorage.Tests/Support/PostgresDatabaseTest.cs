using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Support;

/// <summary>
/// A test with a database of its own on the assembly's PostgreSQL server, dropped after it, and a
/// two-minute budget for everything it awaits.
/// </summary>
public abstract class PostgresDatabaseTest(PostgresFixture fixture, string prefix) : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    protected string Database { get; private set; } = "";

    protected CancellationToken Ct => _timeout.Token;

    public virtual async Task InitializeAsync() => Database = await fixture.Server.CreateDatabaseAsync(prefix, Ct);

    public Task DisposeAsync() => fixture.Server.DropDatabaseAsync(Database, CancellationToken.None);

    public void Dispose()
    {
        _timeout.Dispose();
        GC.SuppressFinalize(this);
    }

    protected Task<T> ScalarAsync<T>(string sql) => Sql.ScalarAsync<T>(Database, sql, Ct);
}
