using System.Net;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>
/// <c>TicketCluster:Storage:ApplySchemaOnStart</c> (docs/orleans.md, section 3.5): a PostgreSQL node that does
/// not apply the schema stops, exit code 2 and one line, on a database behind this build, and runs on one
/// ahead of it; the SQLite node applies whatever the setting says.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SchemaOnStartTests(PostgresFixture fixture)
{
    private static readonly Dictionary<string, string?> CheckOnly = new() { ["TicketCluster:Storage:ApplySchemaOnStart"] = "false" };

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Program_CheckOnly_DatabaseBehind_ExitsTwoWithOneLineAndAppliesNothing()
    {
        var database = UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("behind"));
        var directory = Directory.CreateTempSubdirectory("tc-behind-").FullName;
        try
        {
            var (exitCode, _, error) = await SiloProcess.RunPostgresNodeAsync(
                database.ConnectionString,
                directory,
                new Dictionary<string, string> { ["TICKETCLUSTER__STORAGE__APPLYSCHEMAONSTART"] = "false" });

            Assert.Equal(2, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Equal("The database is at schema version 0; this build needs 10. Run \"TicketCluster.Silo schema apply\" (the silo-schema Job) first.", line);
            Assert.False(await database.TableExistsAsync("grain_state"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task CheckOnly_DatabaseAhead_StartsAndServes()
    {
        var database = UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("ahead"));
        Assert.Equal(0, (await database.RunAsync("schema", "apply")).ExitCode);
        await database.ExecuteAsync("INSERT INTO schema_version (version, name) VALUES (99, 'from_a_newer_build')");

        await using var silo = await TestSilo.StartPostgresAsync(database.ConnectionString, CheckOnly);
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task CheckOnly_Sqlite_AppliesAnyway()
    {
        await using var silo = await TestSilo.StartSqliteAsync(CheckOnly);
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
