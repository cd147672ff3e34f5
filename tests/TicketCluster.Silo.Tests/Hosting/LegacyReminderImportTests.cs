using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Grains;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Hosting;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>
/// The import of the old runtime's reminders (docs/orleans.md, section 13.1) on real nodes: tickets opened
/// by one node, their Orleans reminders and sweeper hints removed and the runtime's reminder rows put in
/// their place, as a database the old runtime left looks after <c>migrate</c>; a node started on it
/// reconciles each ticket, so its reminders are registered from its state, and empties the table. The
/// test learns the import is over from <see cref="LegacyReminderImport.Finished"/>.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class LegacyReminderImportTests(PostgresFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Import_Sqlite_RegistersTheTicketsRemindersAndEmptiesTheTable()
    {
        var directory = Directory.CreateTempSubdirectory("tc-import-").FullName;
        try
        {
            var database = UpgradeDatabase.Sqlite(directory);
            await ImportsAsync(database, settings => TestSilo.StartSqliteInAsync(directory, settings));
        }
        finally
        {
            Delete(directory);
        }
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Import_Postgres_RegistersTheTicketsRemindersAndEmptiesTheTable()
    {
        var database = UpgradeDatabase.Postgres(await fixture.Server.CreateDatabaseAsync("import"));
        await ImportsAsync(database, settings => TestSilo.StartPostgresAsync(database.ConnectionString, settings));
    }

    /// <summary>A ticket whose deadline passed while the cluster was down for the upgrade: the import's
    /// reconciliation decides the due tick at once, without waiting for a reminder or the sweeper.</summary>
    [Fact]
    public async Task Import_TickAlreadyDue_DecidedAtOnce()
    {
        var directory = Directory.CreateTempSubdirectory("tc-import-").FullName;
        try
        {
            var database = UpgradeDatabase.Sqlite(directory);
            var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
            string id;
            await using (var first = await TestSilo.StartSqliteInAsync(directory, configure: b => b.Services.AddSingleton<TimeProvider>(clock)))
            {
                var created = await first.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(severity: "urgent"));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                id = (await created.ReadAsync<TicketView>()).Id;
            }

            await LeaveAsTheRuntimeDidAsync(database, clock.GetUtcNow().AddHours(1), id);
            clock.Advance(TimeSpan.FromMinutes(90));

            await using var second = await TestSilo.StartSqliteInAsync(directory, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
            await second.App.Services.GetRequiredService<LegacyReminderImport>().Finished.WaitAsync(Bound);

            var ticket = await (await second.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
            Assert.Equal(1, ticket.EscalationLevel);
            Assert.Equal(0, await database.CountAsync("legacy_reminders"));
        }
        finally
        {
            Delete(directory);
        }
    }

    [Fact]
    public async Task Import_NoLegacyTable_FinishesWithNothingImported()
    {
        await using var silo = await TestSilo.StartSqliteAsync();

        Assert.Equal(0, await silo.App.Services.GetRequiredService<LegacyReminderImport>().Finished.WaitAsync(Bound));
    }

    private static async Task ImportsAsync(UpgradeDatabase database, Func<Dictionary<string, string?>?, Task<TestSilo>> start)
    {
        var ids = new List<string>();
        await using (var first = await start(null))
        {
            for (var i = 0; i < 3; i++)
            {
                var created = await first.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: $"c-{i}", orderId: $"o-{i}"));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                ids.Add((await created.ReadAsync<TicketView>()).Id);
            }
        }

        await LeaveAsTheRuntimeDidAsync(database, DateTimeOffset.UtcNow.AddDays(1), [.. ids]);
        Assert.Equal(7, await database.CountAsync("legacy_reminders"));

        await using var second = await start(null);
        var imported = await second.App.Services.GetRequiredService<LegacyReminderImport>().Finished.WaitAsync(Bound);

        Assert.Equal(3, imported);
        Assert.Equal(0, await database.CountAsync("legacy_reminders"));
        var reminders = second.App.Services.GetRequiredService<IReminderTable>();
        foreach (var id in ids)
        {
            var rows = await reminders.ReadRows(GrainId.Create(GrainTypes.Ticket, id));
            Assert.Contains(rows.Reminders, r => r.ReminderName == "clock:FirstResponse");
        }
    }

    /// <summary>The tickets' Orleans reminders and sweeper hints removed, and the old runtime's reminder rows
    /// (two clocks per ticket, and one of another grain type) set aside by <c>migrate</c>.</summary>
    private static async Task LeaveAsTheRuntimeDidAsync(UpgradeDatabase database, DateTimeOffset dueAt, params string[] ids)
    {
        await database.ExecuteAsync(database.IsPostgres ? "DELETE FROM orleansreminderstable" : "DELETE FROM orleans_reminders");
        await database.ExecuteAsync("UPDATE ticket_query SET next_tick_at = NULL");
        await database.SeedRemindersAsync(
            dueAt,
            [.. ids.SelectMany(id => new[] { ("ticket", id, "clock:FirstResponse"), ("ticket", id, "clock:Resolution") }), ("customer", "c-1", "trim")]);
        var migrated = await database.RunAsync("migrate");
        Assert.True(migrated.ExitCode == 0, migrated.Error);
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
            // A file still open on a slow shutdown: the temporary directory is left to the OS.
        }
    }
}
