using System.Net;
using System.Text.Json;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Silo.Tests.Telemetry;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>Shedding order over real HTTP, with requests held in flight by their bodies. MaxInFlight 4:
/// normal intake is refused from the 5th request in flight, serious from the 6th, urgent from the 7th.</summary>
public sealed class AdmissionTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync(new Dictionary<string, string?>
    {
        ["TicketCluster:Limits:MaxInFlight"] = "4",
        ["TicketCluster:Limits:RetryAfter"] = "00:00:03",
    },
    TestNodes.Named(TestNodes.NewId()));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Intake_OverTheLimits_ShedsNormalThenSeriousThenUrgent()
    {
        using var metrics = new MetricRecorder(_silo.NodeName);
        var channel = _silo.Client(ApiRole.Channel);
        var agent = _silo.Client(ApiRole.Agent);
        var created = await channel.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-first"));
        var ticketId = (await created.ReadAsync<TicketView>()).Id;
        using var held = new HeldRequests(_silo);
        var inFlight = new List<Task<HttpResponseMessage>>();

        for (int i = 0; i < 4; i++)
        {
            inFlight.Add(held.SendAsync(_silo.Client(ApiRole.Channel), "/api/v1/tickets", Intakes.Complaint(orderId: $"o-held-{i}")));
        }

        await held.WaitUntilAdmittedAsync(4);
        var normal = await channel.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-normal"));
        var serious = await agent.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-serious", severity: "serious"));

        inFlight.Add(held.SendAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{ticketId}/acknowledge", new { message = "held" }));
        await held.WaitUntilAdmittedAsync(6);
        var seriousAtFive = await agent.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-serious-2", severity: "serious"));
        var urgent = await channel.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-urgent", description: "The charger caught fire."));

        inFlight.Add(held.SendAsync(_silo.Client(ApiRole.Agent), $"/api/v1/tickets/{ticketId}/acknowledge", new { message = "held" }));
        await held.WaitUntilAdmittedAsync(8);
        var urgentAtSix = await agent.PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-urgent-2", severity: "urgent"));
        var read = await agent.GetAsync($"/api/v1/tickets/{ticketId}");

        held.Release();
        var answers = await Task.WhenAll(inFlight);

        await AssertShedAsync(normal);
        Assert.Equal(HttpStatusCode.Created, serious.StatusCode);
        await AssertShedAsync(seriousAtFive);
        Assert.Equal(HttpStatusCode.Created, urgent.StatusCode);
        await AssertShedAsync(urgentAtSix);
        await AssertShedAsync(read);
        Assert.All(answers.Take(4), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        await metrics.WaitForAsync("ticketcluster.http.shed", m => m.Tag("severity") == "normal" && m.Tag("reason") == "overloaded");
        await metrics.WaitForAsync("ticketcluster.http.shed", m => m.Tag("severity") == "serious");
        await metrics.WaitForAsync("ticketcluster.http.shed", m => m.Tag("severity") == "urgent");
    }

    [Fact]
    public async Task Intake_UnderTheLimit_IsAdmittedWithoutEstimate()
    {
        var decisions = new List<Silo.Admission.AdmissionDecision>();
        var control = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Silo.Admission.AdmissionControl>(_silo.App.Services);
        control.Decided += d =>
        {
            lock (decisions)
            {
                decisions.Add(d);
            }
        };

        var response = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(orderId: "o-alone"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var decision = Assert.Single(decisions);
        Assert.Equal(new Silo.Admission.AdmissionDecision(Silo.Admission.AdmissionClass.Intake, 1, 4, true), decision);
    }

    private static async Task AssertShedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("https://ticketcluster.dev/problems/overloaded", problem.RootElement.GetProperty("type").GetString());
    }
}
