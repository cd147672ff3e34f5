using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Configuration;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Webhooks;

/// <summary>Webhooks through a whole silo on SQLite: API in, signed POSTs out to a receiver on loopback.</summary>
public sealed class WebhookSiloTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
        {
            ["TicketCluster:Webhooks:AllowLoopback"] = "true",
            ["TicketCluster:Webhooks:Retry:BaseDelay"] = "00:00:00.010",

            // Only the stop may cut a POST short: no attempt timeout, delivery budget or host shutdown
            // timeout ends one within a test's time.
            ["TicketCluster:Webhooks:Timeout"] = "00:02:00",
            ["TicketCluster:Webhooks:DeliveryBudget"] = "00:02:00",
            ["TicketCluster:DrainTimeout"] = "00:02:00",
            ["TicketCluster:Webhooks:Subscriptions:0:Id"] = "all",
            ["TicketCluster:Webhooks:Subscriptions:0:Url"] = _receiver.Url.ToString(),
            ["TicketCluster:Webhooks:Subscriptions:0:Secret"] = WebhookNode.Secret,
            ["TicketCluster:Webhooks:Subscriptions:1:Id"] = "acks",
            ["TicketCluster:Webhooks:Subscriptions:1:Url"] = _receiver.Url.ToString(),
            ["TicketCluster:Webhooks:Subscriptions:1:Secret"] = "another-secret-0123",
            ["TicketCluster:Webhooks:Subscriptions:1:EventTypes:0"] = "acknowledged",
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Intake_ThenAcknowledge_EachSubscriptionGetsItsEventsSignedAndInOrder()
    {
        // The first attempt of every event fails: each is retried, and none may overtake another.
        _receiver.Respond = (request, _, _) => Task.FromResult(_receiver.Received.Count(r => r.EventId == request.EventId && Subscription(r) == Subscription(request)) == 1 ? 503 : 200);
        var id = await CreateAsync();
        var acknowledged = await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var events = await (await _silo.Client(ApiRole.Admin).GetAsync($"/api/v1/tickets/{id}/events")).ReadAsync<EventView[]>();
        var expected = events.Select(e => $"{id}:{e.Sequence}").ToList();

        await _receiver.WaitForAsync(received =>
            Delivered(received, "all").Count == expected.Count && Delivered(received, "acks").Count == 1);

        var received = _receiver.Received;
        Assert.Equal(expected, Delivered(received, "all"));
        Assert.Equal([events.Single(e => e.Type == "acknowledged").Sequence], Delivered(received, "acks").Select(e => long.Parse(e.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(received.Where(r => Subscription(r) == "all"), r => Assert.True(r.IsSignedWith(WebhookNode.Secret)));
        Assert.All(received.Where(r => Subscription(r) == "acks"), r => Assert.True(r.IsSignedWith("another-secret-0123")));
        Assert.All(received, r => Assert.Equal(id, r.Json.GetProperty("ticketId").GetString()));
    }

    [Fact]
    public async Task Stop_WhilePostInFlight_PostAbandonedAndTicketStillOwesItsEvents()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _receiver.Respond = async (_, _, context) =>
        {
            inFlight.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                abandoned.TrySetResult();
            }

            return 200;
        };
        var id = await CreateAsync();
        await inFlight.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var stopped = _silo.App.StopAsync();
        await abandoned.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await stopped.WaitAsync(TimeSpan.FromMinutes(1));

        // The stop cuts the feed's POST short before it deactivates the feed (the deactivation waits for the
        // send, and the POST has no timeout of its own here), so the stop ends without waiting out the host's
        // shutdown timeout. The receiver saw the first event only; the ticket's row still records an owed
        // event, for the sweeper of the next node.
        Assert.NotNull(await EventsPendingSinceAsync(id));
        Assert.Single(_receiver.DistinctEventIds);
    }

    private async Task<string> CreateAsync()
    {
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }

    private async Task<object?> EventsPendingSinceAsync(string ticketId)
    {
        await using var connection = new SqliteConnection(_silo.App.Services.GetRequiredService<SiloSettings>().ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT events_pending_since FROM ticket_query WHERE ticket_id = $id";
        command.Parameters.AddWithValue("$id", ticketId);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static string? Subscription(ReceivedWebhook request) => request.Json.GetProperty("subscription").GetString();

    /// <summary>A subscription's event ids in the order they first arrived, as a receiver that
    /// deduplicates on the event id sees them.</summary>
    private static List<string> Delivered(IReadOnlyList<ReceivedWebhook> received, string subscription) =>
        [.. received.Where(r => Subscription(r) == subscription).Select(r => r.EventId!).Distinct()];
}
