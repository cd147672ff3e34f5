using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests;

/// <summary>The PostgreSQL schema scripts with Orleans' tables (version 8), applied by the storage's schema runner.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresOrleansSchemaTests(PostgresFixture fixture) : PostgresDatabaseTest(fixture, "orlschema")
{
    /// <summary>The query keys the 10.4.2 ADO.NET clustering and reminder providers load.</summary>
    private static readonly string[] OrleansQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
        "MembershipReadRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey",
        "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task EnsureSchemaAsync_SixConcurrentAppliersThenOneMore_EveryScriptOnceAndOrleansQueriesPresent()
    {
        var appliers = Enumerable.Range(0, 6).Select(_ => EnsureSchemaAsync()).ToList();
        await Task.WhenAll(appliers);
        var versionsAfterFirst = await VersionsAsync();
        await EnsureSchemaAsync();

        var expected = SchemaHistory.PostgresScripts().Where(s => !s.WaitsForMigration).Select(s => s.Version).ToList();
        Assert.Contains(8, expected);
        Assert.Equal(expected, versionsAfterFirst);
        Assert.Equal(expected, await VersionsAsync());
        Assert.Equal(OrleansQueryKeys.Order(StringComparer.Ordinal), await QueryKeysAsync());
    }

    [Fact]
    public async Task EnsureSchemaAsync_DatabaseAtVersionSeven_AddsOrleansTablesAndKeepsRows()
    {
        await SchemaHistory.ApplyPostgresUpToAsync(Database, 7, Ct);
        await ExecuteAsync("INSERT INTO cluster_nodes (node_id, address, version, started_at, status, activations, reminders_claimed, reminders_fired, heartbeat_at) VALUES ('n1', '10.0.0.1', '1', now(), 'active', 0, 0, 0, now())");

        await EnsureSchemaAsync();

        // Every later script but the gated drop is applied, Orleans' tables (8) among them.
        Assert.Equal(SchemaHistory.PostgresScripts().Where(s => !s.WaitsForMigration).Select(s => s.Version), await VersionsAsync());
        Assert.Contains(8, await VersionsAsync());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM cluster_nodes"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM orleansreminderstable"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM orleansmembershiptable"));
        Assert.Equal(OrleansQueryKeys.Length, (await QueryKeysAsync()).Count);
    }

    private Task EnsureSchemaAsync() => SchemaHistory.ApplyPostgresAsync(Database, Ct);

    private Task<List<int>> VersionsAsync() =>
        Sql.RowsAsync(Database, "SELECT version FROM schema_version ORDER BY version", r => r.GetInt32(0), Ct);

    private Task<List<string>> QueryKeysAsync() =>
        Sql.RowsAsync(Database, "SELECT querykey FROM orleansquery ORDER BY querykey COLLATE \"C\"", r => r.GetString(0), Ct);

    private Task ExecuteAsync(string sql) => Sql.ExecuteAsync(Database, sql, Ct);
}
