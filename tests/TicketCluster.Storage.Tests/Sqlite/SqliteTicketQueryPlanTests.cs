using Microsoft.Data.Sqlite;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Storage.Tests.Support;

namespace TicketCluster.Storage.Tests.Sqlite;

/// <summary>SQLite uses the queue indexes too: the deadline key is spelled exactly as the expression
/// indexes, so a page is an index scan in page order with no temporary sort.</summary>
public sealed class SqliteTicketQueryPlanTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tc-sqlite-plan");
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = $"Data Source={Path.Combine(_directory.FullName, "tickets.db")}";
        await using var storage = TestProviders.Sqlite(_connectionString);
        await storage.EnsureSchemaAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(null, false, "ticket_query_deadline")]
    [InlineData(null, true, "ticket_query_deadline")]
    [InlineData("m-1", false, "ticket_query_merchant_deadline")]
    [InlineData("m-1", true, "ticket_query_merchant_deadline")]
    public void Page_DeadlineQueue_IndexInPageOrderWithoutTempSort(string? merchant, bool afterCursor, string index)
    {
        var at = new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);
        TicketCursor? cursor = afterCursor ? new TicketCursor(TicketSort.Deadline, at, "t-5") : null;
        var (sql, arguments) = TicketQuerySql.Page(new TicketQuery { MerchantId = merchant }, cursor, SqliteTicketQueries.Dialect);

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in arguments)
        {
            command.Parameters.AddWithValue("@" + name, value is DateTimeOffset time ? time.UtcTicks : value);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        var text = string.Join('\n', plan);
        Assert.True(text.Contains("USING INDEX " + index, StringComparison.Ordinal), text);
        Assert.DoesNotContain("TEMP B-TREE", text, StringComparison.Ordinal);
    }
}
