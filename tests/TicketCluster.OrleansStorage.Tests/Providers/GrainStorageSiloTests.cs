using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using TicketCluster.Storage.Postgres.Hosting;
using TicketCluster.Storage.Providers;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Testing.Postgres;
using TicketCluster.Testing;

namespace TicketCluster.OrleansStorage.Tests.Providers;

/// <summary>The providers inside a real Orleans 10.4.2 silo (a <c>Host</c> with <c>UseOrleans</c>, localhost
/// clustering on loopback ports): registration, the schema applied by the lifecycle participant, a
/// grain's <c>[PersistentState]</c> through the provider.</summary>
public sealed class GrainStorageSiloTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tc-orl-silo-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        _timeout.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PersistentState_WrittenThenGrainDeactivated_NewActivationReadsItThroughProvider()
    {
        var connectionString = await OnSqliteSiloAsync(async grains =>
        {
            var grain = grains.GetGrain<IStateProbeGrain>("p-1");
            await grain.SetStatusAsync("written");
            var before = (await grain.ReadAsync()).Split('|');
            await grain.DeactivateAsync();
            var after = (await grain.ReadAsync()).Split('|');

            Assert.Equal(["written", "1"], before[..2]);
            Assert.Equal(["written", "1"], after[..2]);
            Assert.NotEqual(before[2], after[2]);
        });

        Assert.Equal(1L, (await StoredRowAsync(connectionString, "p-1")).Version);
    }

    [Fact]
    public async Task NewGrainHint_OnTheActivatingCall_ActivationDoesNotReadAndItsWriteIsRefused()
    {
        var connectionString = await OnSqliteSiloAsync(async grains =>
        {
            var grain = grains.GetGrain<IStateProbeGrain>("p-2");
            await grain.SetStatusAsync("written");
            var written = (await grain.ReadAsync()).Split('|');
            await grain.DeactivateAsync();

            // The request context travels with the call into the activation's read: the stored row is not read.
            var hinted = (await NewGrainHint.Call(grain.GetGrainId(), grain.ReadAsync)).Split('|');
            var refused = await Record.ExceptionAsync(() => grain.SetStatusAsync("overwritten"));

            Assert.Equal(["written", "1"], written[..2]);
            Assert.Equal(["open", ""], hinted[..2]);
            Assert.NotEqual(written[2], hinted[2]);
            Assert.IsType<InconsistentStateException>(refused);
        });

        var stored = await StoredRowAsync(connectionString, "p-2");
        Assert.Equal(1L, stored.Version);
        Assert.Contains("\"written\"", stored.State, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="test"/> against a silo on a new SQLite file, stops the silo, and answers the
    /// file's connection string.</summary>
    private async Task<string> OnSqliteSiloAsync(Func<IGrainFactory, Task> test)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "node.db") }.ConnectionString;
        using var host = BuildSilo(silo => silo.AddTicketClusterSqliteStorage(connectionString));
        await host.StartAsync(_timeout.Token);
        try
        {
            await test(host.Services.GetRequiredService<IGrainFactory>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        return connectionString;
    }

    /// <summary>The stored version and JSON of probe grain <paramref name="key"/>.</summary>
    private async Task<(long Version, string State)> StoredRowAsync(string connectionString, string key)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(_timeout.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, state FROM grain_state WHERE grain_type = 'stateprobe' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(_timeout.Token);
        Assert.True(await reader.ReadAsync(_timeout.Token), $"no row for stateprobe/{key}");
        return (reader.GetInt64(0), System.Text.Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(1)));
    }

    internal static IHost BuildSilo(Action<ISiloBuilder> storage)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.UseOrleans(silo =>
        {
            var ports = LoopbackPorts.Free(2);
            silo.UseLocalhostClustering(ports[0], ports[1], serviceId: "ticketcluster", clusterId: $"state-{Guid.NewGuid():N}");
            storage(silo);
        });
        return builder.Build();
    }
}

/// <summary>A silo whose PostgreSQL database does not exist stops at start with the storage's error.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresMissingDatabaseTests(PostgresFixture fixture)
{
    [Fact]
    public async Task StartAsync_DatabaseMissing_FailsNamingSettingNotPassword()
    {
        var missing = new NpgsqlConnectionStringBuilder(fixture.Server.AdminConnectionString)
        {
            Database = $"tc_missing_{Guid.NewGuid():N}",
            Password = "secret-not-in-messages",
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var host = GrainStorageSiloTests.BuildSilo(silo => silo.AddTicketClusterPostgresStorage(missing.ConnectionString));

        var failure = await Record.ExceptionAsync(() => host.StartAsync(timeout.Token));

        var error = Assert.IsType<OrleansConfigurationException>(Chain(failure).FirstOrDefault(e => e is OrleansConfigurationException));
        Assert.Equal(
            $"Cannot open the PostgreSQL database \"{missing.Database}\" on {missing.Host}:{missing.Port}: it does not exist (3D000). " +
            "Create it, or point TicketCluster:Storage:ConnectionString at an existing one.",
            error.Message);
        Assert.DoesNotContain(Chain(failure), e => e.Message.Contains("secret-not-in-messages", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
