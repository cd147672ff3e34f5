using TicketCluster.Client;
using TicketCluster.Client.Contracts;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using TicketCluster.Grains.Interfaces;

namespace TicketCluster.Silo.Tests.Paths;

// The paths decided by the clocks: a first response in time, a breach that climbs the escalation ladder,
// and a silent merchant sent to arbitration.
public abstract partial class ProcessPathTests
{
    [Fact]
    public async Task UrgentSafetyComplaint_AnsweredInTime_FirstResponseMet()
    {
        var submitted = await Channel().SubmitTicketAsync(
            Complaint("The kettle caught fire on the second use and burned my hand.", requestedOutcome: RequestedOutcome.ReturnAndRefund));

        Assert.Equal(IntakeOutcome.Created, submitted.Outcome);
        Assert.Equal(Severity.Urgent, submitted.Ticket.Severity);
        var due = submitted.Ticket.Deadline(ClockKind.FirstResponse)!;
        Assert.Equal(TimeSpan.FromHours(1), due.Window);

        var acknowledged = await Agent().AcknowledgeAsync(submitted.Ticket.Id, "Please stop using the kettle; a specialist will call you within the hour.");

        Assert.Equal(TicketStatus.Acknowledged, acknowledged.Status);
        Assert.NotNull(acknowledged.AcknowledgedAt);
        var firstResponse = acknowledged.Deadline(ClockKind.FirstResponse)!;
        Assert.Equal(ClockStatus.Met, firstResponse.State);
        Assert.Null(firstResponse.BreachedAt);
        Assert.Equal(ClockStatus.Running, acknowledged.Deadline(ClockKind.Resolution)!.State);
        Assert.Equal(0, acknowledged.EscalationLevel);
        var events = await Agent().GetEventsAsync(submitted.Ticket.Id);
        Assert.Contains(events, e => e.Type == "acknowledged" && e.Actor == "alice" && e.Role == ActorRole.Agent);
        Assert.Contains(events, e => e.Type == "clock-met" && e.Field<ClockKind>("clock") == ClockKind.FirstResponse);
    }

    [Fact]
    public async Task NormalComplaint_LeftAlone_EscalatesToLevelOneThenTwo()
    {
        var submitted = await Channel().SubmitTicketAsync(Complaint());
        var id = submitted.Ticket.Id;
        Assert.Equal(Severity.Normal, submitted.Ticket.Severity);
        Assert.Equal(TimeSpan.FromSeconds(1), submitted.Ticket.Deadline(ClockKind.FirstResponse)!.Window);

        // Nobody answers: at the window the supervisor is called in, at twice the window the manager.
        var escalated = await WaitUntilAsync(Agent(), id, t => t.EscalationLevel == 2, "escalated to level 2");

        Assert.Equal(TicketStatus.Open, escalated.Status);
        var firstResponse = escalated.Deadline(ClockKind.FirstResponse)!;
        Assert.Equal(ClockStatus.Breached, firstResponse.State);
        Assert.NotNull(firstResponse.BreachedAt);
        var escalations = (await Agent().GetEventsAsync(id)).Where(e => e.Type == "escalated").ToList();
        Assert.Equal([1, 2], escalations.Select(e => e.Field<int>("level")));
        Assert.Equal(
            [EscalationReason.DeadlineBreached, EscalationReason.SecondLevelReached],
            escalations.Select(e => e.Field<EscalationReason>("reason")));
        Assert.All(escalations, e => Assert.Equal(ActorRole.System, e.Role));

        // A late first response still closes the clock, as breached, not met.
        var answered = await Agent().AcknowledgeAsync(id, "Sorry for the wait.");
        Assert.Equal(ClockStatus.Stopped, answered.Deadline(ClockKind.FirstResponse)!.State);
    }

    [Fact]
    public async Task SilentMerchant_PastItsDeadline_GoesToArbitrationWithAStrike()
    {
        var id = await OpenAndRouteAsync(Complaint(requestedOutcome: RequestedOutcome.Refund, category: TicketCategory.ProductQuality));
        var agent = Agent();
        var asked = await agent.RequestMerchantResponseAsync(id, "The customer reports a cracked lid; please respond with evidence.");
        Assert.Equal(TicketStatus.AwaitingMerchant, asked.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), asked.Deadline(ClockKind.MerchantResponse)!.Window);

        // The merchant says nothing: at its deadline the platform steps in.
        var arbitrated = await WaitUntilAsync(agent, id, t => t.Status == TicketStatus.UnderInvestigation, "sent to arbitration");

        Assert.Equal(ClockStatus.Stopped, arbitrated.Deadline(ClockKind.MerchantResponse)!.State);
        Assert.NotNull(arbitrated.Deadline(ClockKind.MerchantResponse)!.BreachedAt);
        var events = await agent.GetEventsAsync(id);
        var strike = Assert.Single(events, e => e.Type == "merchant-strike-recorded");
        Assert.Equal(MerchantId, strike.Field<string>("merchantId"));
        var investigation = Assert.Single(events, e => e.Type == "investigation-started");
        Assert.Equal(InvestigationKind.PlatformIntervention, investigation.Field<InvestigationKind>("investigation"));
        Assert.True(investigation.Sequence > strike.Sequence);

        // Too late to answer now; the platform's finding moves the case on.
        var late = await RefusedAsync(() => Merchant().RecordMerchantResponseAsync(id, MerchantPosition.Dispute, "The lid was fine when shipped."));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(TicketStatus.UnderInvestigation, late.TicketStatus);
        var found = await agent.RecordInspectionResultAsync(id, "Photos show a manufacturing crack.");
        Assert.Equal(TicketStatus.InProgress, found.Status);

        // The strike reaches the merchant's scorecard through the ticket's push.
        var scorecard = await WaitUntilAsync(
            () => Silo.Grains.GetGrain<IMerchantGrain>(MerchantId).GetAsync(),
            s => s.TotalStrikes > 0,
            s => $"No strike on the merchant's scorecard within {WaitLimit}.");

        Assert.Equal(1, scorecard.TotalStrikes);
        Assert.Contains(id, scorecard.SilentTickets);
    }
}
