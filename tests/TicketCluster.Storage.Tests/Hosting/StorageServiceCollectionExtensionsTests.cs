using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Runtime;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Postgres.Hosting;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Storage.Sqlite.Hosting;
using TicketCluster.Testing;

namespace TicketCluster.Storage.Tests.Hosting;

public sealed class StorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSqliteGrainStorage_WithClock_ResolvesOneStorageOnThatClock()
    {
        var directory = Path.Combine(Path.GetTempPath(), "tc-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSqliteGrainStorage($"Data Source={Path.Combine(directory, "tickets.db")}");
        try
        {
            await using (var provider = services.BuildServiceProvider())
            {
                var storage = provider.GetRequiredService<IGrainStorage>();
                Assert.IsType<SqliteGrainStorage>(storage);
                Assert.Same(storage, provider.GetRequiredService<IGrainStorage>());
                await storage.EnsureSchemaAsync(CancellationToken.None);
                var grain = new GrainId("ticket", "t1");
                await storage.WriteAsync([new GrainWrite(grain, 0, [1], [new ReminderRegistration("sla", clock.GetUtcNow().AddMinutes(1), null)], [], null, [], [], null)], CancellationToken.None);

                Assert.Empty(await storage.ClaimDueRemindersAsync("node-1", 10, TimeSpan.FromMinutes(1), CancellationToken.None));
                clock.Advance(TimeSpan.FromMinutes(1));
                Assert.Single(await storage.ClaimDueRemindersAsync("node-1", 10, TimeSpan.FromMinutes(1), CancellationToken.None));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AddPostgresGrainStorage_ConnectionString_ResolvesPostgresStorageWithoutConnecting()
    {
        var services = new ServiceCollection().AddPostgresGrainStorage("Host=127.0.0.1;Port=1;Database=none;Username=none");

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresGrainStorage>(provider.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void SqliteGrainStorage_InMemoryDatabase_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SqliteGrainStorage("Data Source=:memory:", TimeProvider.System));
    }
}
