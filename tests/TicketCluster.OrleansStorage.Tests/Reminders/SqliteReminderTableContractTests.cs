using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using TicketCluster.OrleansStorage.Tests.Support;
using TicketCluster.Storage.Sqlite.Reminders;

namespace TicketCluster.OrleansStorage.Tests.Reminders;

/// <summary>The reminder table contract on <see cref="SqliteReminderTable"/>, on a file in a temporary directory
/// that starts empty (the table's start applies the schema).</summary>
public sealed class SqliteReminderTableContractTests : ReminderTableContractTests
{
    private readonly SqliteFile _file = new();

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var table = new SqliteReminderTable(_file.ConnectionString, Options.Create(new ClusterOptions { ServiceId = serviceId }));
        await table.StartAsync(Ct);
        return table;
    }

    protected override Task DeleteDatabaseAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }
}
