using System.Net;
using System.Net.Http.Json;
using TicketCluster.Domain;
using TicketCluster.Domain.Tickets;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API6:2023, unrestricted access to sensitive business flows: intakes in another customer's name
/// (to brand them a repeat complainer) and payment-style commands retried or replayed under one
/// idempotency key.
/// </summary>
public sealed class Api6UnrestrictedAccessToSensitiveBusinessFlowsTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Intake_MassInAnotherCustomersName_AllRefusedAndVictimsNextTicketNormal()
    {
        var before = await SecurityProbe.SnapshotAsync(_silo, null, "c-victim");
        var stranger = _silo.Client(ApiRole.Customer, "app", "c-stranger");

        for (var i = 0; i < 12; i++)
        {
            var response = await stranger.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-victim", orderId: $"o-{i}"));
            await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, null, "c-victim"));
        var own = await _silo.Client(ApiRole.Customer, "app", "c-victim").PostJsonAsync("/api/v1/tickets", Intakes.Complaint(customerId: "c-victim", orderId: "o-own"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(Severity.Normal, (await own.ReadAsync<TicketView>()).Severity);
    }

    [Fact]
    public async Task RefundIssued_RetriedWithSameKey_FirstAnswerAndOneRefund()
    {
        var id = await SecurityProbe.OpenWithRefundPlanAsync(_silo, 199m);
        var finance = _silo.Client(ApiRole.Finance, "fin-1");
        var refund = new { amount = new { amount = 50m, currency = "CNY" }, reference = "RF-1" };

        var first = await SendAsync(finance, id, "refund-issued", refund, "refund-1");
        var firstBody = await first.Content.ReadAsStringAsync();
        var before = await SecurityProbe.SnapshotAsync(_silo, id, "c-1");
        var retry = await SendAsync(finance, id, "refund-issued", refund, "refund-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues(TicketsApi.IdempotentReplayedHeader).Single());
        Assert.False(first.Headers.Contains(TicketsApi.IdempotentReplayedHeader));
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(50m, (await retry.ReadAsync<TicketView>()).Resolution!.Refunded);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, id, "c-1"));
    }

    [Fact]
    public async Task RefundIssued_SameKeyOtherAmount_422AndNothingChanged()
    {
        var id = await SecurityProbe.OpenWithRefundPlanAsync(_silo, 199m);
        var finance = _silo.Client(ApiRole.Finance, "fin-1");
        await SendAsync(finance, id, "refund-issued", new { amount = new { amount = 50m, currency = "CNY" } }, "refund-1");
        var before = await SecurityProbe.SnapshotAsync(_silo, id, "c-1");

        var other = await SendAsync(finance, id, "refund-issued", new { amount = new { amount = 149m, currency = "CNY" } }, "refund-1");

        await ProblemAssert.IsAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, id, "c-1"));
    }

    [Fact]
    public async Task RefundIssued_SameKeyFromAnotherCaller_DecidedForThemAlone()
    {
        var id = await SecurityProbe.OpenWithRefundPlanAsync(_silo, 199m);
        var refund = new { amount = new { amount = 50m, currency = "CNY" } };
        await SendAsync(_silo.Client(ApiRole.Finance, "fin-1"), id, "refund-issued", refund, "refund-1");

        var second = await SendAsync(_silo.Client(ApiRole.Finance, "fin-2"), id, "refund-issued", refund, "refund-1");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(second.Headers.Contains(TicketsApi.IdempotentReplayedHeader));
        Assert.Equal(100m, (await second.ReadAsync<TicketView>()).Resolution!.Refunded);
    }

    [Fact]
    public async Task ProposeAndApprove_RetriedWithSameKeys_OneProposalOneApproval()
    {
        var agent = _silo.Client(ApiRole.Agent, "alice");
        var channel = _silo.Client(ApiRole.Channel, "web");
        var created = await channel.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-big", amount: 50_000m));
        var big = (await created.ReadAsync<TicketView>()).Id;
        await SecurityProbe.SendAsync(agent, big, "acknowledge", new { message = "On it." });
        await SecurityProbe.SendAsync(agent, big, "assign", new { department = "finance", agentId = "alice" });

        var proposed = await SendAsync(agent, big, "propose-resolution", SecurityProbe.RefundPlan(50_000m), "plan-1");
        var proposedAgain = await SendAsync(agent, big, "propose-resolution", SecurityProbe.RefundPlan(50_000m), "plan-1");
        var supervisor = _silo.Client(ApiRole.Supervisor, "sue");
        var approved = await SendAsync(supervisor, big, "approve-resolution", new { note = "Checked." }, "approve-1");
        var approvedAgain = await SendAsync(supervisor, big, "approve-resolution", new { note = "Checked." }, "approve-1");

        Assert.Equal(TicketStatus.PendingApproval, (await proposed.ReadAsync<TicketView>()).Status);
        Assert.Equal(await proposed.Content.ReadAsStringAsync(), await proposedAgain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, approvedAgain.StatusCode);
        Assert.Equal(await approved.Content.ReadAsStringAsync(), await approvedAgain.Content.ReadAsStringAsync());
        var trail = await _silo.Client(ApiRole.Admin, "auditor").GetFromJsonAsync<EventView[]>($"/api/v1/tickets/{big}/events", ApiJson.Options);
        Assert.Single(trail!, e => e.Type == "resolution-proposed");
        Assert.Single(trail!, e => e.Type == "plan-approved");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string ticketId, string command, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticketId}/{command}") { Content = JsonContent.Create(body, options: ApiJson.Options) };
        request.Headers.Add(TicketsApi.IdempotencyKeyHeader, key);
        return await client.SendAsync(request);
    }
}
