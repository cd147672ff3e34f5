using TicketCluster.Silo.Tests.Support;
using TicketCluster.Storage.Postgres.Migration;
using TicketCluster.Storage.Sqlite.Migration;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>
/// The pages of <c>legacy_reminders</c> the import takes: earliest due first; on PostgreSQL two nodes never
/// take the same rows at once; a page not completed (its node died) leaves its rows to be taken again.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class LegacyReminderSourceTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Postgres_ConcurrentPages_AreDisjointAndAnUncompletedPageIsTakenAgain()
    {
        var database = UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("pages"));
        await SeedAsync(database);
        await using var source = new PostgresLegacyReminderSource(database.ConnectionString);

        await using (var first = (await source.TakePageAsync(3, CancellationToken.None))!)
        {
            await using (var second = (await source.TakePageAsync(3, CancellationToken.None))!)
            {
                Assert.Equal(new[] { "tk-0", "tk-1", "tk-2" }, first.KeysOf("ticket"));
                Assert.Equal(new[] { "tk-3", "tk-4" }, second.KeysOf("ticket"));
            }

            await first.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(2, await source.CountAsync(CancellationToken.None));
        await using var again = (await source.TakePageAsync(3, CancellationToken.None))!;
        Assert.Equal(new[] { "tk-3", "tk-4" }, again.KeysOf("ticket"));
    }

    [Fact]
    public async Task Sqlite_UncompletedPageIsTakenAgain_CompletedPageIsGone()
    {
        var directory = Directory.CreateTempSubdirectory("tc-pages-").FullName;
        try
        {
            var database = UpgradeDatabase.Sqlite(directory);
            await SeedAsync(database);
            var source = new SqliteLegacyReminderSource($"Data Source={Path.Combine(directory, "ticketcluster.db")}");

            await using (var cut = (await source.TakePageAsync(3, CancellationToken.None))!)
            {
                Assert.Equal(new[] { "tk-0", "tk-1", "tk-2" }, cut.KeysOf("ticket"));
            }

            await using (var page = (await source.TakePageAsync(3, CancellationToken.None))!)
            {
                Assert.Equal(new[] { "tk-0", "tk-1", "tk-2" }, page.KeysOf("ticket"));
                await page.CompleteAsync(CancellationToken.None);
            }

            Assert.Equal(2, await source.CountAsync(CancellationToken.None));
            await using var rest = (await source.TakePageAsync(3, CancellationToken.None))!;
            Assert.Equal(new[] { "tk-3", "tk-4" }, rest.KeysOf("ticket"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Sqlite_NoLegacyTable_NoPage()
    {
        var directory = Directory.CreateTempSubdirectory("tc-pages-").FullName;
        try
        {
            var database = UpgradeDatabase.Sqlite(directory);
            Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
            var source = new SqliteLegacyReminderSource($"Data Source={Path.Combine(directory, "ticketcluster.db")}");

            Assert.Null(await source.TakePageAsync(3, CancellationToken.None));
            Assert.Equal(0, await source.CountAsync(CancellationToken.None));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Five tickets' reminders, <c>tk-0</c> due first, set aside by <c>migrate</c>.</summary>
    private static async Task SeedAsync(UpgradeDatabase database)
    {
        Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
        for (var i = 4; i >= 0; i--)
        {
            await database.SeedRemindersAsync(Due.AddMinutes(i), ("ticket", $"tk-{i}", "clock:FirstResponse"));
        }

        var migrated = await database.RunAsync("migrate");
        Assert.True(migrated.ExitCode == 0 && migrated.Output.Contains("renamed", StringComparison.Ordinal), migrated.Error);
    }
}
