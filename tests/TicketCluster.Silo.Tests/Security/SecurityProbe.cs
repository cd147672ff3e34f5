using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>What the security tests read back and drive: a snapshot of everything a refused request must
/// leave as it was, and a ticket brought to the payment steps.</summary>
internal static class SecurityProbe
{
    /// <summary>The ticket, its audit trail, the customer's profile and (unless <paramref name="queue"/> is
    /// false, for a test whose request rightly adds a ticket of its own) the whole work queue, as an admin
    /// reads them, status and body, in one string: equal snapshots mean nothing changed.</summary>
    public static async Task<string> SnapshotAsync(TestSilo silo, string? ticketId, string? customerId, bool queue = true)
    {
        var admin = silo.Client(ApiRole.Admin, "auditor");
        var parts = new List<string>();
        if (ticketId is not null)
        {
            parts.Add(await ReadAsync(admin, $"/api/v1/tickets/{ticketId}"));
            parts.Add(await ReadAsync(admin, $"/api/v1/tickets/{ticketId}/events"));
        }

        if (customerId is not null)
        {
            parts.Add(await ReadAsync(admin, $"/api/v1/customers/{customerId}"));
        }

        if (queue)
        {
            parts.Add(await ReadAsync(admin, "/api/v1/tickets?limit=100"));
        }

        return string.Join("\n", parts);
    }

    /// <summary>A channel intake for <paramref name="customerId"/>, acknowledged and assigned, with a
    /// refund plan of <paramref name="amount"/> CNY proposed; confirmed by the customer unless it waits for
    /// approval. Returns the ticket id.</summary>
    public static async Task<string> OpenWithRefundPlanAsync(TestSilo silo, decimal amount, string customerId = "c-1", string orderId = "o-1")
    {
        var channel = silo.Client(ApiRole.Channel, "web");
        var agent = silo.Client(ApiRole.Agent, "alice");
        var created = await channel.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: customerId, orderId: orderId, amount: amount));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<TicketView>()).Id;
        await SendAsync(agent, id, "acknowledge", new { message = "We are on it." });
        await SendAsync(agent, id, "assign", new { department = "customer-service", agentId = "alice" });
        var proposed = await SendAsync(agent, id, "propose-resolution", RefundPlan(amount));
        if (proposed.Status == Domain.Tickets.TicketStatus.AwaitingConfirmation)
        {
            await SendAsync(channel, id, "customer-confirmation", new { accepted = true, statement = "I accept the refund." });
        }

        return id;
    }

    /// <summary>A new ticket (a channel's intake) acknowledged and assigned to alice: in progress.</summary>
    public static Task<TicketView> OpenInProgressAsync(TestSilo silo, string orderId, string merchantId = "m-1") =>
        OpenInProgressAsync(silo, Intakes.Complaint(merchantId: merchantId, orderId: orderId));

    /// <summary>A new ticket from <paramref name="intake"/>, acknowledged and assigned to alice.</summary>
    public static async Task<TicketView> OpenInProgressAsync(TestSilo silo, object intake)
    {
        var created = await silo.Client(ApiRole.Channel, "web").PostJsonAsync("/api/v1/tickets", intake);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<TicketView>()).Id;
        var agent = silo.Client(ApiRole.Agent, "alice");
        await SendAsync(agent, id, "acknowledge", new { message = "On it." });
        return await SendAsync(agent, id, "assign", new { department = "customer-service", agentId = "alice" });
    }

    public static object RefundPlan(decimal amount) => new { plan = new { kind = "refund", amount = new { amount, currency = "CNY" } } };

    public static async Task<TicketView> SendAsync(HttpClient client, string ticketId, string command, object body)
    {
        var response = await client.PostJsonAsync($"/api/v1/tickets/{ticketId}/{command}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{command}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TicketView>();
    }

    /// <summary>A ticket of <paramref name="merchantId"/> whose responsibility bob (a supervisor) put on
    /// <paramref name="party"/>, refunded <paramref name="amount"/> in full in the order's
    /// <paramref name="currency"/>: its id.</summary>
    public static async Task<string> RefundedAsync(TestSilo silo, string orderId, string merchantId, string party, decimal amount, string currency = "CNY")
    {
        var ticket = await OpenInProgressAsync(silo, Intakes.Complaint(merchantId: merchantId, orderId: orderId, currency: currency));
        await SendAsync(silo.Client(ApiRole.Supervisor, "bob"), ticket.Id, "determine-responsibility", new { party, reason = "Seal defective from the factory." });
        await SendAsync(silo.Client(ApiRole.Agent, "alice"), ticket.Id, "propose-resolution", new { plan = new { kind = "refund", amount = new { amount, currency } } });
        await SendAsync(silo.Client(ApiRole.Channel, "web"), ticket.Id, "customer-confirmation", new { accepted = true, statement = "Accepted." });
        await SendAsync(silo.Client(ApiRole.Finance, "pay"), ticket.Id, "refund-issued", new { amount = new { amount, currency }, reference = "R-" + ticket.Id });
        return ticket.Id;
    }

    /// <summary>A report's query string: <c>from</c> and <c>to</c> <paramref name="around"/> the wall clock.</summary>
    public static string RangeAroundNow(TimeSpan around)
    {
        var now = DateTimeOffset.UtcNow;
        return $"from={Uri.EscapeDataString((now - around).ToString("O"))}&to={Uri.EscapeDataString((now + around).ToString("O"))}";
    }

    /// <summary>The ticket as <paramref name="client"/> reads it, as JSON (properties the view leaves out stay out).</summary>
    public static async Task<JsonElement> TicketJsonAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/tickets/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return $"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}
