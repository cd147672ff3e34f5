using Microsoft.Data.Sqlite;
using TicketCluster.OrleansStorage.Tests.Support;

namespace TicketCluster.OrleansStorage.Tests;

/// <summary>The SQLite schema scripts with the node's Orleans reminder table (version 5), on a file in a temporary directory.</summary>
public sealed class SqliteOrleansSchemaTests : IDisposable
{
    private readonly SqliteFile _file = new();

    private string ConnectionString => _file.ConnectionString;

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task EnsureSchemaAsync_ThreeConcurrentAppliersThenOneMore_EveryScriptOnce()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(EnsureSchemaAsync)));
        var versionsAfterFirst = Versions();
        await EnsureSchemaAsync();

        var expected = SchemaHistory.SqliteScripts().Where(s => !s.WaitsForMigration).Select(s => s.Version).ToList();
        Assert.Contains(5, expected);
        Assert.Equal(expected, versionsAfterFirst);
        Assert.Equal(expected, Versions());
    }

    [Fact]
    public async Task EnsureSchemaAsync_DatabaseAtVersionFour_AddsReminderTableWithItsKeyAndHashRange()
    {
        SchemaHistory.ApplySqliteUpTo(ConnectionString, 4);

        await EnsureSchemaAsync();

        // Every later script but the gated drop is applied, the Orleans reminder table's (5) among them.
        Assert.Equal(SchemaHistory.SqliteScripts().Where(s => !s.WaitsForMigration).Select(s => s.Version), Versions());
        Assert.Contains(5, Versions());
        Execute("INSERT INTO orleans_reminders VALUES ('ticketcluster', 'ticket/t1', 'clock:Response', 4294967295, 1, 2, 0)");
        var duplicate = Assert.Throws<SqliteException>(() =>
            Execute("INSERT INTO orleans_reminders VALUES ('ticketcluster', 'ticket/t1', 'clock:Response', 7, 1, 2, 0)"));
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT: one row per (service, grain, name)
        Assert.Throws<SqliteException>(() =>
            Execute("INSERT INTO orleans_reminders VALUES ('ticketcluster', 'ticket/t2', 'clock:Response', -1, 1, 2, 0)"));
    }

    private Task EnsureSchemaAsync() => SchemaHistory.ApplySqliteAsync(ConnectionString, CancellationToken.None);

    private List<int> Versions()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
