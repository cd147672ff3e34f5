using System.Net;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Webhooks;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>
/// Deadlines on the real node: the ticket's clock reminder is an Orleans reminder in the node's SQLite reminder
/// table, fired by Orleans' reminder service on real time. Short windows and a lowered minimum reminder period
/// come from configuration; each test learns of the escalation from the node's own webhook, so nothing polls.
/// </summary>
public sealed class DeadlineReminderTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Intake_FirstResponseWindowPasses_EscalatedByTheClockReminder()
    {
        await using var silo = await TestSilo.StartSqliteAsync(Settings(firstResponse: TimeSpan.FromSeconds(2)));
        var id = await CreateAsync(silo);

        await _receiver.WaitForAsync(received => received.Any(r => r.EventType == "escalated"));

        var ticket = await (await silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
        Assert.Equal(1, ticket.EscalationLevel);
        var escalated = Assert.Single(_receiver.Received, r => r.EventType == "escalated");
        Assert.Equal(id, escalated.Json.GetProperty("ticketId").GetString());
        Assert.Equal("system", escalated.Json.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsTicketAndItsPendingDeadline()
    {
        var data = Directory.CreateTempSubdirectory("tc-restart-").FullName;
        try
        {
            // Long enough that the first node is gone before the deadline falls due.
            var settings = Settings(firstResponse: TimeSpan.FromSeconds(12));
            string id;
            await using (var first = await TestSilo.StartSqliteInAsync(data, settings))
            {
                id = await CreateAsync(first);
            }

            await using var second = await TestSilo.StartSqliteInAsync(data, settings);
            var kept = await second.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}");
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            Assert.Equal(0, (await kept.ReadAsync<TicketView>()).EscalationLevel);

            await _receiver.WaitForAsync(received => received.Any(r => r.EventType == "escalated"));

            var ticket = await (await second.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}")).ReadAsync<TicketView>();
            Assert.Equal(1, ticket.EscalationLevel);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temporary directory is left to the OS.
            }
        }
    }

    private Dictionary<string, string?> Settings(TimeSpan firstResponse) => new()
    {
        ["TicketCluster:Sla:FirstResponseNormal"] = firstResponse.ToString(),
        // Level 2 far beyond each test: at the default factor (twice the window) a loaded machine can deliver
        // the first tick late enough that it catches up level 2 too, or fire level 2 before the test reads level 1.
        ["TicketCluster:Escalation:SecondLevelFactor"] = "30",
        ["TicketCluster:Orleans:Reminders:MinimumPeriod"] = "00:00:05",
        ["TicketCluster:Orleans:Reminders:RetryPeriod"] = "00:00:10",
        ["TicketCluster:Orleans:Sweeper:Grace"] = "00:00:30",
        ["TicketCluster:Webhooks:AllowLoopback"] = "true",
        ["TicketCluster:Webhooks:Subscriptions:0:Id"] = "escalations",
        ["TicketCluster:Webhooks:Subscriptions:0:Url"] = _receiver.Url.ToString(),
        ["TicketCluster:Webhooks:Subscriptions:0:Secret"] = WebhookNode.Secret,
        ["TicketCluster:Webhooks:Subscriptions:0:EventTypes:0"] = "escalated",
    };

    private static async Task<string> CreateAsync(TestSilo silo)
    {
        var response = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(Domain.Severity.Normal, ticket.Severity);
        return ticket.Id;
    }
}
