using System.Text;
using Npgsql;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Tests.Contract;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Storage.Tests.Postgres;

/// <summary>The contract on a real PostgreSQL server, a fresh database per test. Time is the server's:
/// leases are short and the tests wait for their expiry by asking the server.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresGrainStorageTests(PostgresFixture fixture) : GrainStorageContractTests
{
    protected override TimeSpan ShortLease => TimeSpan.FromSeconds(1);

    private readonly List<string> _databases = [];

    protected override async Task<string> CreateLocationAsync()
    {
        var database = await fixture.Server.CreateDatabaseAsync("storage", Ct);
        _databases.Add(database);
        return database;
    }

    protected override async Task DeleteLocationsAsync()
    {
        foreach (var database in _databases)
        {
            await fixture.Server.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    protected override IGrainStorage Open(string location) => new PostgresGrainStorage(location);

    protected override async Task<DateTimeOffset> NowAsync()
    {
        await using var connection = new NpgsqlConnection(Location);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT date_trunc('second', clock_timestamp())", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(Ct))!, TimeSpan.Zero);
    }

    /// <summary>Sleeps on the server until its clock has passed the latest lease: no guess of how long
    /// a lease takes to expire on the test machine's clock.</summary>
    protected override async Task WaitForLeasesToExpireAsync()
    {
        await using var connection = new NpgsqlConnection(Location);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_sleep(greatest(0, extract(epoch FROM (
              greatest((SELECT max(lease_until) FROM reminders), (SELECT max(lease_until) FROM outbox)) - clock_timestamp()))) + 0.001);
            SELECT clock_timestamp() > greatest((SELECT max(lease_until) FROM reminders), (SELECT max(lease_until) FROM outbox));
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        await reader.NextResultAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.True(reader.GetBoolean(0));
    }

    /// <summary>Schema version 7: state and outbox payloads over the TOAST threshold are compressed with
    /// LZ4 (the test server, Debian's PostgreSQL, is built with it) and read back byte for byte.</summary>
    [Fact]
    public async Task WriteAsync_LargeStateAndPayload_StoredWithLz4AndReadBackUnchanged()
    {
        var grain = Ticket("big");
        var state = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"{{\"sequence\":{i},\"description\":\"电水壶底部漏水 leaks\"}},")));
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 300).Select(i => $"{{\"event\":{i},\"note\":\"退货退款\"}},")));
        var message = new OutboxMessage(Guid.NewGuid(), grain, new GrainId("merchant", "m1"), "merchant-fact", payload, DateTimeOffset.UnixEpoch.AddYears(56));

        var result = await WriteOneAsync(new GrainWrite(grain, 0, state, [], [], null, [message], [], null));

        Assert.True(result.IsCommitted);
        Assert.Equal(state, (await Storage.ReadStateAsync(grain, Ct))!.State);
        await using var connection = new NpgsqlConnection(Location);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT pg_column_compression(state) FROM grain_state WHERE grain_key = 'big')
                || '/' || (SELECT pg_column_compression(payload) FROM outbox WHERE source_key = 'big')
            """,
            connection);
        Assert.Equal("lz4/lz4", await command.ExecuteScalarAsync(Ct));
    }
}
