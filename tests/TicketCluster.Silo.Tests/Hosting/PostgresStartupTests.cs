using Npgsql;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>The node's start on a PostgreSQL database it cannot open: the storage's error, raised inside the
/// silo's start, ends the process with one line naming the setting, and exit code 2.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresStartupTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Program_DatabaseMissing_ExitsTwoNamingTheSettingNotThePassword()
    {
        var existing = new NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync("start"));
        var missing = new NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = "no_such_database" };
        var directory = Directory.CreateTempSubdirectory("tc-pgstart-").FullName;
        try
        {
            var (exitCode, _, error) = await SiloProcess.RunPostgresNodeAsync(missing.ConnectionString, directory);

            Assert.Equal(2, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("no_such_database", line, StringComparison.Ordinal);
            Assert.Contains("TicketCluster:Storage:ConnectionString", line, StringComparison.Ordinal);
            if (!string.IsNullOrEmpty(missing.Password))
            {
                Assert.DoesNotContain(missing.Password, line, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
