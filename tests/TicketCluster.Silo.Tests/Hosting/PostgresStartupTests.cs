using Npgsql;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing.Postgres;
using TicketCluster.Testing;

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

        var (exitCode, _, line) = await RunNodeAsync(missing.ConnectionString);

        Assert.Equal(2, exitCode);
        Assert.Contains("no_such_database", line, StringComparison.Ordinal);
        Assert.Contains("TicketCluster:Storage:ConnectionString", line, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(missing.Password))
        {
            Assert.DoesNotContain(missing.Password, line, StringComparison.Ordinal);
        }
    }

    /// <summary>A server that refuses the connection fails the silo's start itself (the storage provider's
    /// start), after the node's background services have started: they stop with it, quietly (the sweeper's
    /// cancelled wait, reported by the host as the service's fault, also failed the host's stopping callbacks).</summary>
    [Fact]
    public async Task Program_ServerRefusesConnections_ExitsTwoAndTheStopLogsNoFailure()
    {
        var refused = new NpgsqlConnectionStringBuilder(await fixture.Server.CreateDatabaseAsync("refused")) { Host = "127.0.0.1", Port = LoopbackPorts.Free() };

        var (exitCode, output, line) = await RunNodeAsync(refused.ConnectionString);

        Assert.Equal(2, exitCode);
        Assert.Contains("TicketCluster:Storage:ConnectionString", line, StringComparison.Ordinal);
        Assert.Contains("Hosting failed to start", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("An error occurred stopping the application", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the node on <paramref name="connectionString"/> in a directory of its own; its standard
    /// error must be one line.</summary>
    private static async Task<(int ExitCode, string Output, string ErrorLine)> RunNodeAsync(string connectionString)
    {
        var directory = Directory.CreateTempSubdirectory("tc-pgstart-").FullName;
        try
        {
            var (exitCode, output, error) = await SiloProcess.RunPostgresNodeAsync(connectionString, directory);
            return (exitCode, output, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
