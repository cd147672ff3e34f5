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
        using var metrics = new MetricRecorder(silo.NodeName);

        var response = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(channel: "hotline", severity: "serious"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var intake = Assert.Single(metrics.Of("ticketcluster.intake"));
        Assert.Equal(("hotline", "serious", "created"), (intake.Tag("channel"), intake.Tag("severity"), intake.Tag("outcome")));
    }

    [Fact]
    public async Task Command_Answered_CountedByCommandAndOutcome()
    {
        await using var silo = await TestSilo.StartSqliteAsync(configure: TestNodes.Named(TestNodes.NewId()));
        using var metrics = new MetricRecorder(silo.NodeName);
        var created = await silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        var id = (await created.ReadAsync<TicketView>()).Id;
        var agent = silo.Client(ApiRole.Agent);

        Assert.Equal(HttpStatusCode.Conflict, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/resolve", new { result = "done" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/tickets/{id}/acknowledge", new { message = "On it." })).StatusCode);

        await metrics.WaitForAsync("ticketcluster.commands", m => m.Tag("command") == "resolve" && m.Tag("outcome") == "not-allowed");
        await metrics.WaitForAsync("ticketcluster.commands", m => m.Tag("command") == "acknowledge" && m.Tag("outcome") == "accepted");
        await metrics.WaitForAsync("ticketcluster.http.duration", m => m.Tag("http.route") == "/api/v1/tickets/{id}/acknowledge" && m.Tag("http.response.status_code") == "200");
    }

    /// <summary>The tick comes 90 min after an urgent ticket opened (first response: warning at 48 min,
    /// deadline at 60 min) and catches up both stages: one breach, one escalation, and each stage's own
    /// lateness, due time to decision.</summary>
    [Fact]
    public async Task Deadline_PassedOnTheClock_CountsOneBreachTheEscalationAndEachStagesLateness()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await TestSilo.StartSqliteAsync(configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            TestNodes.Named(TestNodes.NewId())(b);
        });
        using var metrics = new MetricRecorder(silo.NodeName);
        var created = await silo.Client(ApiRole.Agent).PostJsonAsync("/api/v1/tickets", Intakes.Complaint(severity: "urgent"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(90));

        // The reminder service runs on real time and fires at the registered due time (an hour away): the
        // tick is delivered as Orleans would deliver it once due.
        var id = (await created.ReadAsync<TicketView>()).Id;
        await silo.Grains.GetGrain<TicketCluster.Grains.Interfaces.ITicketGrain>(id).ReceiveReminder(
            TicketCluster.Grains.Tickets.TicketReminders.NameOf(TicketCluster.Domain.Sla.ClockKind.FirstResponse),
            new Orleans.Runtime.TickStatus(clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(1), clock.GetUtcNow().UtcDateTime));

        var breach = await metrics.WaitForAsync("ticketcluster.sla.breaches");
        Assert.Equal(("first-response", "urgent"), (breach.Tag("clock"), breach.Tag("severity")));
        var escalation = await metrics.WaitForAsync("ticketcluster.escalations");
        Assert.Equal(("1", "deadline-breached"), (escalation.Tag("level"), escalation.Tag("reason")));
        Assert.Single(metrics.Of("ticketcluster.sla.breaches"));

        var warning = await metrics.WaitForAsync("ticketcluster.deadline.lateness", m => m.Tag("stage") == "warning");
        var deadline = await metrics.WaitForAsync("ticketcluster.deadline.lateness", m => m.Tag("stage") == "deadline");
        // Due times are rounded up to the millisecond; the clock started between two.
        Assert.Equal(42 * 60, warning.Value, 0.001);
        Assert.Equal(30 * 60, deadline.Value, 0.001);
        Assert.Equal(("first-response", "urgent"), (deadline.Tag("clock"), deadline.Tag("severity")));
        Assert.Equal(2, metrics.Of("ticketcluster.deadline.lateness").Count);
    }
}
