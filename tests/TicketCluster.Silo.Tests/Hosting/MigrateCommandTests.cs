using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>
/// <c>migrate</c> and the script that drops the old runtime's tables (docs/orleans.md, section 13.1), on a
/// real SQLite file and a real PostgreSQL database laid out by the node's own scripts, seeded as the old
/// runtime left them.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class MigrateCommandTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Program_Migrate_OutboxHasRows_ExitsNonZeroNamingTheCountAndChangesNothing()
    {
        var directory = Directory.CreateTempSubdirectory("tc-migrate-").FullName;
        try
        {
            var database = UpgradeDatabase.Sqlite(Path.Combine(directory, "data"));
            Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
            await database.SeedRemindersAsync(Due, ("ticket", "tk-1", "clock:FirstResponse"));
            await database.SeedOutboxAsync(3);

            var (exitCode, _, error) = await SiloProcess.RunAsync(["migrate"], new Dictionary<string, string>(), directory, TimeSpan.FromSeconds(60));

            Assert.Equal(1, exitCode);
            Assert.Contains("outbox still holds 3 rows", error, StringComparison.Ordinal);
            Assert.True(await database.TableExistsAsync("reminders"));
            Assert.False(await database.TableExistsAsync("legacy_reminders"));
        }
        finally
        {
            Delete(directory);
        }
    }

    [Fact]
    public Task Migrate_Sqlite_RenamesOnceThenDropsTheRuntimeTablesOnlyWhenNothingIsLeftToImport() =>
        InSqliteAsync(RenamesOnceThenDropsOnlyWhenImported);

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Migrate_Postgres_RenamesOnceThenDropsTheRuntimeTablesOnlyWhenNothingIsLeftToImport() =>
        await RenamesOnceThenDropsOnlyWhenImported(UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("migrate")));

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Migrate_Postgres_OutboxHasRows_RefusesNamingTheCount()
    {
        var database = UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("migrate"));
        Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
        await database.SeedOutboxAsync(2);

        var (exitCode, _, error) = await database.RunAsync("migrate");

        Assert.Equal(1, exitCode);
        Assert.Contains("outbox still holds 2 rows", error, StringComparison.Ordinal);
        Assert.True(await database.TableExistsAsync("reminders"));
    }

    /// <summary>Without <c>migrate</c>, the gated drop waits and is not recorded: the old runtime's tables
    /// stay, whatever else the schema gains.</summary>
    [Fact]
    public Task SchemaApply_NotMigrated_KeepsTheRuntimeTablesAndDoesNotRecordTheDrop() =>
        InSqliteAsync(async database =>
        {
            Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);

            Assert.True(await database.TableExistsAsync("reminders"));
            Assert.True(await database.TableExistsAsync("outbox"));
            Assert.DoesNotContain(8L, await database.VersionsAsync());
            Assert.Contains(7L, await database.VersionsAsync());
        });

    private static async Task RenamesOnceThenDropsOnlyWhenImported(UpgradeDatabase database)
    {
        var drop = database.IsPostgres ? 11L : 8L;
        Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
        await database.SeedRemindersAsync(Due, ("ticket", "tk-1", "clock:FirstResponse"), ("ticket", "tk-1", "clock:Resolution"), ("ticket", "tk-2", "clock:FirstResponse"));

        var first = await database.RunAsync("migrate");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("renamed reminders to legacy_reminders (3 reminders", first.Output, StringComparison.Ordinal);
        Assert.False(await database.TableExistsAsync("reminders"));
        Assert.Equal(3, await database.CountAsync("legacy_reminders"));

        // Legacy reminders left: the drop waits, unrecorded, and the old tables stay.
        Assert.True(await database.TableExistsAsync("outbox"));
        Assert.DoesNotContain(drop, await database.VersionsAsync());

        var second = await database.RunAsync("migrate");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("nothing to do, reminders was already renamed (3 legacy reminders left", second.Output, StringComparison.Ordinal);
        Assert.Equal(3, await database.CountAsync("legacy_reminders"));

        // Imported (the silos' import deletes each page): the next schema apply drops them.
        await database.ExecuteAsync("DELETE FROM legacy_reminders");
        Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);

        Assert.Contains(drop, await database.VersionsAsync());
        foreach (var table in new[] { "legacy_reminders", "reminders", "outbox", "cluster_nodes" })
        {
            Assert.False(await database.TableExistsAsync(table), table);
        }

        Assert.True(await database.TableExistsAsync("grain_state"));
        Assert.True(await database.TableExistsAsync("ticket_query"));
        var third = await database.RunAsync("migrate");
        Assert.True(third.ExitCode == 0, third.Error);
        Assert.Contains("nothing to do", third.Output, StringComparison.Ordinal);
    }

    private static async Task InSqliteAsync(Func<UpgradeDatabase, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("tc-migrate-").FullName;
        try
        {
            await test(UpgradeDatabase.Sqlite(directory));
        }
        finally
        {
            Delete(directory);
        }
    }

    private static void Delete(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open: the temporary directory is left to the OS.
        }
    }
}
