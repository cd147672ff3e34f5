using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;
using TicketCluster.Testing;

namespace TicketCluster.Silo.Tests.Telemetry;

/// <summary>The metrics a node records, read through a <see cref="System.Diagnostics.Metrics.MeterListener"/>
/// filtered to the node.</summary>
public sealed class SiloMetricsTests
{
    [Fact]
    public async Task Intake_Created_CountedByChannelSeverityAndOutcome()
    {
        await using var silo = await TestSilo.StartSqliteAsync(configure: TestNodes.Named(TestNodes.NewId()));
        using var metrics = new MetricRecorder(silo.Runtime.NodeId);

        var response = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(channel: "hotline", severity: "serious"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var intake = Assert.Single(metrics.Of("ticketcluster.intake"));
        Assert.Equal(("hotline", "serious", "created"), (intake.Tag("channel"), intake.Tag("severity"), intake.Tag("outcome")));
        await metrics.WaitForAsync("ticketcluster.turn.duration", m => m.Tag("grain.type") == "ticket" && m.Tag("turn.kind") == "call");
        await metrics.WaitForAsync("ticketcluster.commit.batch_size");
        await metrics.WaitForAsync("ticketcluster.activation.created", m => m.Tag("grain.type") == "ticket");
    }

    [Fact]
    public async Task Command_Answered_CountedByCommandAndOutcome()
    {
        await using var silo = await TestSilo.StartSqliteAsync(configure: TestNodes.Named(TestNodes.NewId()));
        using var metrics = new MetricRecorder(silo.Runtime.NodeId);
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        var id = (await created.ReadAsync<TicketView>()).Id;
        var agent = silo.Client(ApiRole.Agent);

        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/resolve", new { result = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." })).StatusCode);

        await metrics.WaitForAsync("ticketcluster.commands", m => m.Tag("command") == "resolve" && m.Tag("outcome") == "not-allowed");
        await metrics.WaitForAsync("ticketcluster.commands", m => m.Tag("command") == "acknowledge" && m.Tag("outcome") == "accepted");
        await metrics.WaitForAsync("ticketcluster.http.duration", m => m.Tag("http.route") == "/api/v1/tickets/{id}/acknowledge" && m.Tag("http.response.status_code") == "200");
    }

    [Fact]
    public async Task Deadline_PassedOnTheClock_CountsOneBreachAndTheEscalation()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await TestSilo.StartSqliteAsync(configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            TestNodes.Named(TestNodes.NewId())(b);
        });
        using var metrics = new MetricRecorder(silo.Runtime.NodeId);
        var created = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(severity: "urgent"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(90));

        // The dispatcher may have parked its sleep on the manual clock just after the advance, where no
        // further advance would wake it: run one round explicitly. Its commit wakes the loop for the rest.
        await silo.Runtime.RunReminderRoundAsync(CancellationToken.None);

        var breach = await metrics.WaitForAsync("ticketcluster.sla.breaches");
        Assert.Equal(("first-response", "urgent"), (breach.Tag("clock"), breach.Tag("severity")));
        var escalation = await metrics.WaitForAsync("ticketcluster.escalations");
        Assert.Equal(("1", "deadline-breached"), (escalation.Tag("level"), escalation.Tag("reason")));
        await metrics.WaitForAsync("ticketcluster.reminder.lateness");
        Assert.Single(metrics.Of("ticketcluster.sla.breaches"));
    }
}
