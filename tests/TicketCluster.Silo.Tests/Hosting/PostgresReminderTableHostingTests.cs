using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Storage.Postgres.Reminders;
using TicketCluster.Testing.Postgres;

namespace TicketCluster.Silo.Tests.Hosting;

/// <summary>A node on PostgreSQL keeps its reminders in the project's group-commit table, on the stock ADO.NET
/// table's rows: an intake's clock reminders are rows of <c>orleansreminderstable</c> under the node's service id.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresFixture.Collection)]
public sealed class PostgresReminderTableHostingTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Intake_OnPostgres_ClockRemindersInTheGroupCommitTable()
    {
        var database = await fixture.Server.CreateDatabaseAsync("reminder-host");
        try
        {
            await using (var silo = await TestSilo.StartPostgresAsync(database))
            {
                var response = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-1", merchantId: "m-1", severity: "urgent"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var ticket = (await response.ReadAsync<TicketView>()).Id;

                Assert.IsType<PostgresReminderTable>(silo.App.Services.GetRequiredService<IReminderTable>());
                Assert.Equal(
                    ["clock:FirstResponse", "clock:Resolution"],
                    await ReminderNamesAsync(database, $"ticket/{ticket}"));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await fixture.Server.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    private static async Task<List<string>> ReminderNamesAsync(string database, string grainId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT remindername FROM orleansreminderstable WHERE serviceid = 'ticketcluster' AND grainid = $1 ORDER BY remindername COLLATE \"C\"",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
