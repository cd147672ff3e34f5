using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Tests.Support;
using TicketCluster.Grains.Tickets;
using TicketCluster.Runtime.Storage;
using TicketCluster.Storage.Postgres;
using TicketCluster.Storage.Sqlite;
using TicketCluster.Testing;
using TicketCluster.Testing.Postgres;
using MerchantGrain = TicketCluster.Grains.Legacy.MerchantGrain;

namespace TicketCluster.Grains.Tests.Restart;

/// <summary>
/// A node stops and a new one starts on the same database: the tickets, their clock reminders and the
/// events not yet delivered are all still there, and the new node carries on with them.
/// </summary>
public abstract class RestartTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract IGrainStorage Open(string database, TimeProvider clock);

    private string _database = "";

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NewNodeOnSameDatabase_StateRemindersAndUndeliveredEventsSurvive()
    {
        TicketState opened;
        await using (var first = new GrainHarness(Open(_database, _clock), _clock))
        {
            await first.Storage.EnsureSchemaAsync(CancellationToken.None);
            opened = await first.OpenAsync("T1", Severity.Urgent);
            await first.Runtime.StopAsync(CancellationToken.None);
        }

        await using var second = new GrainHarness(Open(_database, _clock), _clock);
        await second.Storage.EnsureSchemaAsync(CancellationToken.None);

        var ticket = await second.Ticket("T1").ReadAsync(g => g.GetAsync());
        Assert.Equal(opened.Version, ticket!.Version);
        var reminders = await second.Storage.ReadRemindersAsync(GrainTypes.TicketId("T1"), CancellationToken.None);
        Assert.Equal(
            opened.PendingTicks.Select(t => (TicketReminders.NameOf(t.Clock), t.DueAt.UtcTicks / 10)).Order(),
            reminders.Select(r => (r.Name, r.DueAt.UtcTicks / 10)).Order());
        Assert.Equal(2, (await second.Storage.ReadStatisticsAsync(CancellationToken.None)).OutboxPending);

        while (await second.Runtime.RunOutboxRoundAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(1, (await second.Runtime.GetGrain<MerchantGrain>("M1").ReadAsync(g => g.GetAsync())).OpenDisputeCount);
    }
}

public sealed class SqliteRestartTests : RestartTests, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tc-restart");

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult($"Data Source={Path.Combine(_directory.FullName, "tickets.db")}");

    protected override IGrainStorage Open(string database, TimeProvider clock) => new SqliteGrainStorage(database, clock);

    public void Dispose() => _directory.Delete(recursive: true);
}

[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresRestartTests(PostgresFixture fixture) : RestartTests
{
    protected override Task<string> CreateDatabaseAsync() => fixture.Server.CreateDatabaseAsync("restart");

    protected override IGrainStorage Open(string database, TimeProvider clock) => new PostgresGrainStorage(database);
}
