using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using TicketCluster.Storage.Postgres.Reminders;
using TicketCluster.Storage.Postgres.State;
using TicketCluster.Storage.Providers;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>The reminder table contract on the project's <see cref="PostgresReminderTable"/> (group commit) over a
/// PostgreSQL database with the project's schema, applied as the grain storage applies it at a silo's start.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresGroupCommitReminderTableContractTests(PostgresFixture fixture) : ReminderTableContractTests
{
    private readonly List<PostgresReminderTable> _tables = [];
    private string _database = "";

    public override async Task InitializeAsync()
    {
        _database = await PostgresReminderTableTests.CreateDatabaseAsync(fixture, Ct);
        await base.InitializeAsync();
    }

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var table = new PostgresReminderTable(_database, Options.Create(new ClusterOptions { ServiceId = serviceId }));
        _tables.Add(table);
        await table.StartAsync(Ct);
        return table;
    }

    protected override async Task DeleteDatabaseAsync()
    {
        foreach (var table in _tables)
        {
            await table.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await fixture.Server.DropDatabaseAsync(_database, CancellationToken.None);
    }
}
