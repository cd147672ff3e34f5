using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using TicketCluster.Client;
using TicketCluster.Client.Contracts;
using TicketCluster.Domain;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Paths;

/// <summary>What the client promises beyond the paths, checked against a real node: its command names are
/// the silo's, a generic command goes through, and every kind of refusal arrives as a typed problem.</summary>
public sealed class TicketClusterClientTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public void TicketCommands_EverySiloRoute_HasItsConstant()
    {
        var names = typeof(TicketCommands).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(CommandRoutes.Routes.Select(r => r.Name).Order(), names.Order());
    }

    [Fact]
    public async Task SendAsync_CommandByName_ReturnsTheTicketAfterIt()
    {
        var id = (await new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(Submission())).Ticket.Id;

        var ticket = await new TicketClusterClient(_silo.Client(ApiRole.Agent)).SendAsync(
            id, TicketCommands.ChangeSeverity, new { severity = Severity.Serious, reason = "VIP customer on the phone." });

        Assert.Equal(Severity.Serious, ticket.Severity);
    }

    [Fact]
    public async Task SubmitTicketAsync_MarketplaceAndDestination_ReadBackOnTheOrder()
    {
        var submission = Submission() with
        {
            Order = Submission().Order with { Id = "o-client-eu", Marketplace = "eu", ShipToCountry = "DE" },
        };

        var ticket = (await new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(submission)).Ticket;

        Assert.Equal(("eu", "DE"), (ticket.Order.Marketplace, ticket.Order.ShipToCountry));
    }

    [Fact]
    public async Task SendAsync_Decline_TheClientSeesTheOutcome()
    {
        var id = (await new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(Submission())).Ticket.Id;

        var ticket = await new TicketClusterClient(_silo.Client(ApiRole.Agent)).SendAsync(
            id, TicketCommands.Decline, new { reason = Domain.Tickets.DeclineReason.OutsidePolicy, note = "The warranty ended in 2024." });

        Assert.Equal(Domain.Tickets.ClosureReason.Declined, ticket.ClosureReason);
        Assert.Equal(Domain.Tickets.FinalOutcome.DeclinedOutsidePolicy, ticket.Outcome);
    }

    [Fact]
    public async Task SendOnceAsync_RetriedWithSameKey_FirstAnswerAndOtherBodyRefused()
    {
        var id = (await new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(Submission())).Ticket.Id;
        var agent = new TicketClusterClient(_silo.Client(ApiRole.Agent));

        var first = await agent.SendOnceAsync(id, TicketCommands.ChangeSeverity, new { severity = Severity.Serious, reason = "VIP." }, "sev-1");
        var retry = await agent.SendOnceAsync(id, TicketCommands.ChangeSeverity, new { severity = Severity.Serious, reason = "VIP." }, "sev-1");
        var other = await Assert.ThrowsAsync<TicketClusterProblemException>(
            () => agent.SendOnceAsync(id, TicketCommands.ChangeSeverity, new { severity = Severity.Urgent, reason = "Fire." }, "sev-1"));

        Assert.Equal(first.Version, retry.Version);
        Assert.Equal(Severity.Serious, retry.Severity);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("https://ticketcluster.dev/problems/idempotency-key-reused", other.Type);
        Assert.Equal(first.Version, (await agent.GetTicketAsync(id)).Version);
    }

    [Fact]
    public async Task SubmitTicketAsync_InvalidIntake_ThrowsProblemNamingEachField()
    {
        var submission = Submission() with { Order = Submission().Order with { Currency = "XXQ", Amount = 1m } };

        var problem = await Assert.ThrowsAsync<TicketClusterProblemException>(
            () => new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(submission with { Description = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("https://ticketcluster.dev/problems/validation", problem.Type);
        Assert.Contains("order.currency", problem.Errors.Keys);
        Assert.Contains("description", problem.Errors.Keys);
    }

    [Fact]
    public async Task SendAsync_CommandNotAllowedInStatus_ProblemKeepsHttpStatusAndNamesTicketStatus()
    {
        var id = (await new TicketClusterClient(_silo.Client(ApiRole.Channel)).SubmitTicketAsync(Submission())).Ticket.Id;
        var agent = _silo.Client(ApiRole.Agent);

        var problem = await Assert.ThrowsAsync<TicketClusterProblemException>(() => new TicketClusterClient(agent).ResolveAsync(id, "Done."));
        using var raw = await agent.PostAsync($"/api/v1/tickets/{id}/resolve", JsonContent.Create(new { result = "Done." }));
        using var json = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());

        // RFC 7807: "status" is the HTTP status, once; the ticket's status has a member of its own.
        Assert.Equal([409], json.RootElement.EnumerateObject().Where(p => p.Name == "status").Select(p => p.Value.GetInt32()));
        Assert.Equal("open", json.RootElement.GetProperty("ticketStatus").GetString());
        Assert.Equal(HttpStatusCode.Conflict, problem.StatusCode);
        Assert.Equal(Domain.Tickets.TicketStatus.Open, problem.TicketStatus);
        Assert.Contains(TicketCommands.Acknowledge, problem.AllowedCommands);
    }

    [Fact]
    public async Task GetTicketAsync_WithoutToken_ThrowsProblemWith401()
    {
        var problem = await Assert.ThrowsAsync<TicketClusterProblemException>(() => new TicketClusterClient(_silo.Anonymous()).GetTicketAsync("tk-any"));

        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
    }

    [Fact]
    public async Task GetTicketAsync_Missing_ThrowsProblemWith404()
    {
        var problem = await Assert.ThrowsAsync<TicketClusterProblemException>(() => new TicketClusterClient(_silo.Client(ApiRole.Agent)).GetTicketAsync("tk-missing"));

        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("https://ticketcluster.dev/problems/not-found", problem.Type);
    }

    [Fact]
    public async Task QueryMethods_ListProfileScorecardAndReport_ReadTheNodesAnswers()
    {
        var channel = new TicketClusterClient(_silo.Client(ApiRole.Channel));
        var first = (await channel.SubmitTicketAsync(Submission())).Ticket;
        var second = (await channel.SubmitTicketAsync(Submission() with
        {
            Order = Submission().Order with { Id = "o-client-2" },
            Description = "The charger is missing.",
        })).Ticket;
        var admin = new TicketClusterClient(_silo.Client(ApiRole.Admin, "root"));

        var listed = new List<string>();
        await foreach (var item in admin.ListAllTicketsAsync(new TicketListFilter { MerchantId = "m-client", Limit = 1 }))
        {
            listed.Add(item.Id);
        }

        var customer = await admin.GetCustomerAsync("c-client");
        var merchant = await admin.GetMerchantAsync("m-client");
        var report = await admin.GetSummaryAsync(first.OpenedAt.AddMinutes(-1), second.OpenedAt.AddMinutes(1));

        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Order());
        Assert.Equal("c-client", customer.Id);
        Assert.Equal("m-client", merchant.Id);
        Assert.Equal(2, report.Tickets);
        Assert.Equal(2, report.ByMerchant["m-client"]);
        Assert.Equal(2, report.ByChannel["app"]);
    }

    [Fact]
    public async Task ListTicketsAsync_MerchantCaller_SeesOnlyItsOwn()
    {
        var channel = new TicketClusterClient(_silo.Client(ApiRole.Channel));
        await channel.SubmitTicketAsync(Submission());
        await channel.SubmitTicketAsync(Submission() with { Order = Submission().Order with { Id = "o-other", MerchantId = "m-other" } });

        var page = await new TicketClusterClient(_silo.Client(ApiRole.Merchant, tenant: "m-other")).ListTicketsAsync();

        Assert.All(page.Items, i => Assert.Equal("m-other", i.MerchantId));
        Assert.Single(page.Items);
        Assert.Null(page.Items[0].CustomerId);
    }

    private static TicketSubmission Submission() => new(
        Channel.App,
        new CustomerDetails("c-client", "Han Meimei", Email: "han@example.com"),
        new OrderDetails("o-client", "m-client", 59.9m, "CNY", new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero)),
        "The phone case does not fit.");
}
