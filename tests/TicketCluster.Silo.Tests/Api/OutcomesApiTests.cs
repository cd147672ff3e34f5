using System.Net;
using System.Text.Json;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>The ways to finish a ticket besides a carried-out plan, over real HTTP on an embedded SQLite node:
/// answered on the spot, declined, closed as a duplicate or as spam, and the summary report's count by outcome.</summary>
public sealed class OutcomesApiTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private int _tickets;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task AnswerOnTheSpot_ByAgentFromOpen_ResolvedFirstResponseAndResolutionMet()
    {
        var id = await CreateAsync();

        var response = await _silo.Client(ApiRole.Agent, "alice").PostJsonAsync($"/api/v1/tickets/{id}/answer-on-the-spot", new { answer = "Hold the button for five seconds." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(TicketStatus.Resolved, ticket.Status);
        Assert.Equal(FinalOutcome.AnsweredOnTheSpot, ticket.Outcome);
        Assert.NotNull(ticket.AcknowledgedAt);
        Assert.Equal(ClockStatus.Met, ticket.Deadlines.Single(d => d.Clock == ClockKind.FirstResponse).State);
        Assert.Equal(ClockStatus.Met, ticket.Deadlines.Single(d => d.Clock == ClockKind.Resolution).State);
        Assert.Equal(ClockStatus.Running, ticket.Deadlines.Single(d => d.Clock == ClockKind.Survey).State);
        Assert.Contains("reopen", (await ReadAsync(id, ApiRole.Channel)).AllowedCommands);
        var resolved = (await EventsAsync(id)).Single(e => e.GetProperty("type").GetString() == "resolved");
        Assert.Equal("alice", resolved.GetProperty("actor").GetString());
        Assert.True(resolved.GetProperty("data").GetProperty("onTheSpot").GetBoolean());
        Assert.Equal("Hold the button for five seconds.", resolved.GetProperty("data").GetProperty("result").GetString());
    }

    [Fact]
    public async Task Decline_BySupervisorForFraud_ClosedClocksStoppedAuditTrailNamesWhoAndWhy()
    {
        var id = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." })).StatusCode);

        var response = await _silo.Client(ApiRole.Supervisor, "sam").PostJsonAsync($"/api/v1/tickets/{id}/decline", new { reason = "fraud", note = "The returned serial number is not ours." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(ClosureReason.Declined, ticket.ClosureReason);
        Assert.Equal(FinalOutcome.DeclinedFraud, ticket.Outcome);
        Assert.Equal(ClockStatus.Stopped, ticket.Deadlines.Single(d => d.Clock == ClockKind.Resolution).State);
        Assert.DoesNotContain(ticket.Deadlines, d => d.State is ClockStatus.Running or ClockStatus.Breached);
        var closed = (await EventsAsync(id)).Single(e => e.GetProperty("type").GetString() == "closed");
        Assert.Equal("sam", closed.GetProperty("actor").GetString());
        Assert.Equal("supervisor", closed.GetProperty("role").GetString());
        Assert.Equal("declined", closed.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("fraud", closed.GetProperty("data").GetProperty("declined").GetString());
        Assert.Equal("The returned serial number is not ours.", closed.GetProperty("data").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Decline_UnknownReasonOrNoNote_400NamingTheField()
    {
        var id = await CreateAsync();
        var agent = _silo.Client(ApiRole.Agent);

        var unknown = await agent.PostJsonAsync($"/api/v1/tickets/{id}/decline", new { reason = "bored", note = "x" });
        var noNote = await agent.PostJsonAsync($"/api/v1/tickets/{id}/decline", new { reason = "outside-policy" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("note", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Open, (await ReadAsync(id, ApiRole.Agent)).Status);
    }

    [Fact]
    public async Task CloseAsDuplicate_OtherTicket_ClosedWithItsIdOwnIdRefused()
    {
        var original = await CreateAsync();
        var id = await CreateAsync();
        var agent = _silo.Client(ApiRole.Agent, "alice");

        var own = await agent.PostJsonAsync($"/api/v1/tickets/{id}/close-as-duplicate", new { duplicateOf = id });
        var response = await agent.PostJsonAsync($"/api/v1/tickets/{id}/close-as-duplicate", new { duplicateOf = original, note = "Same order, called twice." });

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("duplicateOf", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.ReadAsync<TicketView>();
        Assert.Equal(ClosureReason.Duplicate, ticket.ClosureReason);
        Assert.Equal(FinalOutcome.Duplicate, ticket.Outcome);
        var closed = (await EventsAsync(id)).Single(e => e.GetProperty("type").GetString() == "closed");
        Assert.Equal(original, closed.GetProperty("data").GetProperty("duplicateOf").GetString());
    }

    [Fact]
    public async Task CloseAsDuplicate_NoSuchTicket_422UnknownTicketNothingAppended()
    {
        var id = await CreateAsync();

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/close-as-duplicate", new { duplicateOf = "tk-nowhere" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith("/rule-violated", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("duplicateOf", problem.RootElement.GetProperty("field").GetString());
        Assert.Equal("unknown-ticket", problem.RootElement.GetProperty("rule").GetString());
        Assert.Equal(TicketStatus.Open, (await ReadAsync(id, ApiRole.Agent)).Status);
    }

    [Fact]
    public async Task CloseAsDuplicate_OfADuplicate_422NamingTheOriginal()
    {
        var agent = _silo.Client(ApiRole.Agent);
        var original = await CreateAsync();
        var first = await CreateAsync();
        var second = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{first}/close-as-duplicate", new { duplicateOf = original })).StatusCode);

        var response = await agent.PostJsonAsync($"/api/v1/tickets/{second}/close-as-duplicate", new { duplicateOf = first });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("duplicate-of-duplicate", body, StringComparison.Ordinal);
        Assert.Contains(original, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsDuplicate_BodyNamesTheOriginalItself_400()
    {
        var id = await CreateAsync();

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync(
            $"/api/v1/tickets/{id}/close-as-duplicate", new { duplicateOf = "tk-nowhere", original = new { ticketId = "tk-nowhere" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("original", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByOutcome_ItemsShowTheirOutcomeOnlyThoseListed()
    {
        var agent = _silo.Client(ApiRole.Agent);
        var declined = await CreateAsync();
        var spam = await CreateAsync();
        var open = await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{declined}/decline", new { reason = "outside-policy", note = "Bought 40 days ago." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{spam}/close-as-spam", new { note = "Advertising." })).StatusCode);

        var filtered = await (await agent.GetAsync("/api/v1/tickets?outcome=declined-outside-policy")).ReadAsync<TicketListView>();
        var all = await (await agent.GetAsync("/api/v1/tickets?sort=created")).ReadAsync<TicketListView>();
        var unknown = await agent.GetAsync("/api/v1/tickets?outcome=lost");

        Assert.Equal([declined], filtered.Items.Select(i => i.Id));
        Assert.Equal("declined-outside-policy", filtered.Items[0].Outcome);
        Assert.Equal("spam", all.Items.Single(i => i.Id == spam).Outcome);
        Assert.Null(all.Items.Single(i => i.Id == open).Outcome);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("outcome", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsSpam_ByAgent_ClosedByCustomerForbidden()
    {
        var id = await CreateAsync();

        var customer = await _silo.Client(ApiRole.Customer, "c-1", "c-1").PostJsonAsync($"/api/v1/tickets/{id}/close-as-spam", new { note = "x" });
        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{id}/close-as-spam", new { note = "Advertising for a loan." });

        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ClosureReason.Spam, (await response.ReadAsync<TicketView>()).ClosureReason);
    }

    [Fact]
    public async Task AllowedCommands_OpenTicket_StaffMayFinishItTheCustomerOnlyWithdraw()
    {
        var id = await CreateAsync();

        var staff = (await ReadAsync(id, ApiRole.Agent)).AllowedCommands;
        var channel = (await ReadAsync(id, ApiRole.Channel)).AllowedCommands;

        Assert.Superset(new HashSet<string> { "answer-on-the-spot", "decline", "close-as-duplicate", "close-as-spam" }, staff.ToHashSet());
        Assert.Contains("withdraw", channel);
        Assert.DoesNotContain(channel, c => c is "answer-on-the-spot" or "decline" or "close-as-duplicate" or "close-as-spam");
    }

    [Fact]
    public async Task Summary_TicketsFinishedEachWay_CountedByOutcome()
    {
        var agent = _silo.Client(ApiRole.Agent);
        var answered = await CreateAsync();
        var declined = await CreateAsync();
        var duplicate = await CreateAsync();
        var spam = await CreateAsync();
        await CreateAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{answered}/answer-on-the-spot", new { answer = "Use the blue cable." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{declined}/decline", new { reason = "customer-responsible", note = "Dropped." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{duplicate}/close-as-duplicate", new { duplicateOf = answered })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{spam}/close-as-spam", new { note = "Not a complaint: a job application." })).StatusCode);
        var now = DateTimeOffset.UtcNow;
        var range = $"from={Uri.EscapeDataString(now.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(now.AddHours(1).ToString("O"))}";

        var response = await _silo.Client(ApiRole.Supervisor).GetAsync("/api/v1/reports/summary?" + range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, summary.RootElement.GetProperty("tickets").GetInt32());
        var byOutcome = summary.RootElement.GetProperty("byOutcome").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(
            new Dictionary<string, int> { ["answered-on-the-spot"] = 1, ["declined-customer-responsible"] = 1, ["duplicate"] = 1, ["spam"] = 1 },
            byOutcome);
    }

    private async Task<string> CreateAsync()
    {
        var n = Interlocked.Increment(ref _tickets);
        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: $"o-{n}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<TicketView>()).Id;
    }

    private async Task<TicketView> ReadAsync(string id, ApiRole role)
    {
        var response = await _silo.Client(role, "c-1", role is ApiRole.Customer ? "c-1" : null).GetAsync($"/api/v1/tickets/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<TicketView>();
    }

    private async Task<List<JsonElement>> EventsAsync(string id)
    {
        var response = await _silo.Client(ApiRole.Agent).GetAsync($"/api/v1/tickets/{id}/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : document.RootElement.GetProperty("items");
        return [.. root.EnumerateArray().Select(e => e.Clone())];
    }
}
