using Orleans;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>
/// The reminder table contract on Orleans' stock ADO.NET table (<c>UseAdoNetReminderService</c>, invariant
/// <c>Npgsql</c>) over a PostgreSQL database with the project's schema: the table is taken from a service
/// container registered as a silo registers it.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresReminderTableContractTests(PostgresFixture fixture) : ReminderTableContractTests
{
    private string _database = "";
    private StockReminderTables? _tables;

    public override async Task InitializeAsync()
    {
        _database = await PostgresReminderTableTests.CreateDatabaseAsync(fixture, Ct);
        _tables = new StockReminderTables(_database);
        await base.InitializeAsync();
    }

    protected override Task<IReminderTable> StartTableAsync(string serviceId) => _tables!.StartAsync(serviceId, Ct);

    protected override async Task DeleteDatabaseAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }

        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }
}
