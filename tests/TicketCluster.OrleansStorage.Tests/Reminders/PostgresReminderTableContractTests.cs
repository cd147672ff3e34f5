using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
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
    private readonly List<ServiceProvider> _containers = [];
    private string _database = "";

    public override async Task InitializeAsync()
    {
        _database = await fixture.Server.CreateDatabaseAsync("orlrem", Ct);
        await SchemaHistory.ApplyPostgresAsync(_database, Ct);

        await base.InitializeAsync();
    }

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "contract";
            o.ServiceId = serviceId;
        });
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = OrleansTestSilo.PostgresInvariant;
            o.ConnectionString = _database;
        }));
        var container = services.BuildServiceProvider();
        _containers.Add(container);
        var table = container.GetRequiredService<IReminderTable>();
        await table.StartAsync(Ct);
        return table;
    }

    protected override async Task DeleteDatabaseAsync()
    {
        foreach (var container in _containers)
        {
            await container.DisposeAsync();
        }

        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }
}
