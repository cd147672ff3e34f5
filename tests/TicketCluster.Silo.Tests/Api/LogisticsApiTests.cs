using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Security;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>Logistics exceptions and the customs hold over real HTTP on an embedded SQLite node: the hold
/// pauses the resolution deadline until the customer's documents arrive, with its own documents deadline.</summary>
public sealed class LogisticsApiTests(DefaultNode node) : IClassFixture<DefaultNode>
{
    private static int _tickets;

    private readonly TestSilo _silo = node.Silo;

    [Fact]
    public async Task CustomsHold_ThenDocuments_ResolutionPausedThenRunningWithDocumentsDeadlineMet()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-cb-{Interlocked.Increment(ref _tickets)}");
        var agent = _silo.Client(ApiRole.Agent, "alice");

        await SecurityProbe.SendAsync(agent, ticket.Id, "record-logistics-issue", new { exception = "held-at-customs", note = "Customs asks for the buyer's ID." });
        var held = await SecurityProbe.TicketJsonAsync(agent, ticket.Id);
        await SecurityProbe.SendAsync(_silo.Client(ApiRole.Channel, "web"), ticket.Id, "customs-documents", new { documents = "Passport copy." });
        var released = await SecurityProbe.TicketJsonAsync(agent, ticket.Id);

        Assert.Equal("held-at-customs", Assert.Single(held.GetProperty("logisticsExceptions").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal(("paused", "running"), (Deadline(held, "resolution"), Deadline(held, "customs-documents")));
        Assert.Empty(released.GetProperty("logisticsExceptions").EnumerateArray());
        Assert.Equal(("running", "met"), (Deadline(released, "resolution"), Deadline(released, "customs-documents")));
    }

    [Fact]
    public async Task CustomsDocuments_NoHold_422NamingTheRule()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-cb-{Interlocked.Increment(ref _tickets)}");

        var response = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{ticket.Id}/customs-documents", new { documents = "ID." });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no-customs-hold", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordLogisticsIssue_UnknownKindOrMerchant_400And403()
    {
        var ticket = await SecurityProbe.OpenInProgressAsync(_silo, $"o-cb-{Interlocked.Increment(ref _tickets)}");

        var unknown = await _silo.Client(ApiRole.Agent).PostJsonAsync($"/api/v1/tickets/{ticket.Id}/record-logistics-issue", new { exception = "stolen-by-pirates", note = "x" });
        var merchant = await _silo.Client(ApiRole.Merchant, "m-1").PostJsonAsync($"/api/v1/tickets/{ticket.Id}/record-logistics-issue", new { exception = "lost", note = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("exception", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, merchant.StatusCode);
    }

    private static string? Deadline(JsonElement ticket, string clock) =>
        ticket.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("clock").GetString() == clock).GetProperty("state").GetString();
}
