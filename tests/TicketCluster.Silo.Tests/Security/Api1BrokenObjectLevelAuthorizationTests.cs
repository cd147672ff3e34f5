using System.Net;
using System.Net.Http.Json;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Security;

/// <summary>
/// OWASP API1:2023, broken object level authorization: intake replays. An idempotency key or a channel
/// message id belongs to the caller that used it; another caller sending the same value is answered as if
/// it were new to them and learns nothing of the first ticket.
/// </summary>
public sealed class Api1BrokenObjectLevelAuthorizationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Intake_AnotherCustomersIdempotencyKey_NewTicketOfTheirOwnAndVictimUnchanged()
    {
        var victim = await SubmitAsync(_silo.Client(ApiRole.Customer, "app", "c-victim"), Intakes.Complaint(customerId: "c-victim"), key: "order-123");
        var before = await SecurityProbe.SnapshotAsync(_silo, victim.Id, "c-victim", queue: false);

        var response = await Post(_silo.Client(ApiRole.Customer, "app", "c-attacker"), Intakes.Complaint(customerId: "c-attacker", orderId: "o-9"), "order-123");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var own = await response.ReadAsync<TicketView>();
        Assert.NotEqual(victim.Id, own.Id);
        Assert.Equal("c-attacker", own.Customer.Id);
        Assert.DoesNotContain("c-victim", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(IntakeOutcome.Created, own.Intake);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, victim.Id, "c-victim", queue: false));
    }

    [Fact]
    public async Task Intake_AnotherCustomersKeyNamingTheVictim_RefusedWithoutTheTicket()
    {
        var victim = await SubmitAsync(_silo.Client(ApiRole.Customer, "app", "c-victim"), Intakes.Complaint(customerId: "c-victim"), key: "order-123");
        var before = await SecurityProbe.SnapshotAsync(_silo, victim.Id, "c-victim");

        var response = await Post(_silo.Client(ApiRole.Customer, "app", "c-attacker"), Intakes.Complaint(customerId: "c-victim"), "order-123");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Forbidden, "forbidden");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(victim.Id, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Li Lei", text, StringComparison.Ordinal);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, victim.Id, "c-victim"));
    }

    [Fact]
    public async Task Intake_AnotherCustomersChannelMessageId_NewTicketOfTheirOwn()
    {
        var victim = await SubmitAsync(_silo.Client(ApiRole.Customer, "app", "c-victim"), Intakes.Complaint(customerId: "c-victim", channel: "email", externalId: "<msg-1@mail>"));

        var response = await Post(_silo.Client(ApiRole.Customer, "app", "c-attacker"), Intakes.Complaint(customerId: "c-attacker", channel: "email", externalId: "<msg-1@mail>"), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var own = await response.ReadAsync<TicketView>();
        Assert.NotEqual(victim.Id, own.Id);
        Assert.Equal("c-attacker", own.Customer.Id);
    }

    [Fact]
    public async Task Intake_AnotherGatewaysKey_NewToThatGateway()
    {
        var first = await SubmitAsync(_silo.Client(ApiRole.Channel, "gateway-a"), Intakes.Complaint(customerId: "c-1"), key: "k-1");

        var response = await Post(_silo.Client(ApiRole.Channel, "gateway-b"), Intakes.Complaint(customerId: "c-2", orderId: "o-2"), "k-1");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(first.Id, (await response.ReadAsync<TicketView>()).Id);
    }

    [Fact]
    public async Task Intake_SameCallerSameKeySameBody_Replayed()
    {
        var client = _silo.Client(ApiRole.Customer, "app", "c-1");
        var first = await SubmitAsync(client, Intakes.Complaint(customerId: "c-1"), key: "k-1");

        var again = await Post(client, Intakes.Complaint(customerId: "c-1"), "k-1");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replayed = await again.ReadAsync<TicketView>();
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal(IntakeOutcome.Replayed, replayed.Intake);
    }

    [Fact]
    public async Task Intake_SameCallerSameKeyOtherBody_422AndNothingChanged()
    {
        var client = _silo.Client(ApiRole.Customer, "app", "c-1");
        var first = await SubmitAsync(client, Intakes.Complaint(customerId: "c-1"), key: "k-1");
        var before = await SecurityProbe.SnapshotAsync(_silo, first.Id, "c-1");

        var other = await Post(client, Intakes.Complaint(customerId: "c-1", orderId: "o-2", description: "The toaster is scratched."), "k-1");

        var problem = await ProblemAssert.IsAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.DoesNotContain(first.Id, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SecurityProbe.SnapshotAsync(_silo, first.Id, "c-1"));
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (key is not null)
        {
            request.Headers.Add(TicketsApi.IdempotencyKeyHeader, key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<TicketView> SubmitAsync(HttpClient client, object body, string? key = null)
    {
        var response = await Post(client, body, key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TicketView>();
    }
}
