using System.Net;
using TicketCluster.Client;
using TicketCluster.Domain;
using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;

namespace TicketCluster.Silo.Tests.Paths;

// The resolution paths: a plan proposed, confirmed in writing by the customer, carried out by the roles
// that do it (warehouse, finance, merchant), resolved and surveyed.
public abstract partial class ProcessPathTests
{
    [Fact]
    public async Task ReturnAndRefund_WithWarehouseInspection_ResolvedAndRefundedInFull()
    {
        var id = await OpenAndRouteAsync(Complaint(requestedOutcome: RequestedOutcome.ReturnAndRefund));
        var agent = Agent();
        await agent.DetermineResponsibilityAsync(id, ResponsibleParty.Merchant, "The crack is a manufacturing defect.");

        var proposed = await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.ReturnAndRefund, new Money(199m, "CNY"), ShippingPayer.Merchant));
        Assert.Equal(TicketStatus.AwaitingConfirmation, proposed.Status);
        Assert.False(proposed.Resolution!.Approved);
        var confirmed = await Channel().ConfirmResolutionAsync(id, accepted: true, "I agree to return the kettle for a full refund.");
        Assert.Equal(TicketStatus.Executing, confirmed.Status);

        var authorized = await agent.AuthorizeReturnAsync(id, "Returns desk, 8 Warehouse Road, Tianjin");
        Assert.Equal(TicketStatus.AwaitingReturn, authorized.Status);
        Assert.Equal(ClockStatus.Paused, authorized.Deadline(ClockKind.Resolution)!.State);
        Assert.Equal(TicketStatus.ReturnInTransit, (await Channel().RecordReturnShippedAsync(id, "SF Express", "SF1234567890")).Status);

        // Refunding before the warehouse has passed the return is refused.
        var early = await RefusedAsync(() => Finance().RecordRefundIssuedAsync(id, new Money(199m, "CNY")));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        var warehouse = Warehouse();
        Assert.Equal(TicketStatus.ReturnReceived, (await warehouse.RecordReturnReceivedAsync(id, "Box intact.")).Status);
        var inspected = await warehouse.RecordWarehouseInspectionAsync(id, WarehouseOutcome.Pass);
        Assert.Equal(TicketStatus.Executing, inspected.Status);
        Assert.True(inspected.Resolution!.Execution.ReturnPassed);
        Assert.Equal(ClockStatus.Met, inspected.Deadline(ClockKind.WarehouseInspection)!.State);

        var refunded = await Finance().RecordRefundIssuedAsync(id, new Money(199m, "CNY"), "RF-0001");
        Assert.Equal(199m, refunded.Resolution!.Refunded);
        var resolved = await agent.ResolveAsync(id, "Your refund of 199 CNY is on its way.");
        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        Assert.Equal(ClockStatus.Met, resolved.Deadline(ClockKind.Resolution)!.State);

        var surveyed = await Channel().RecordSatisfactionAsync(id, 5, "Quick and fair.");
        Assert.Equal(5, surveyed.Satisfaction!.Score);
        var trail = (await agent.GetEventsAsync(id)).Select(e => e.Type).ToList();
        Assert.Equal(
            ["resolution-proposed", "customer-confirmation-recorded", "return-authorized", "return-shipped", "return-received", "warehouse-inspected", "refund-issued", "money-line-recorded", "resolved", "satisfaction-recorded"],
            trail.Where(t => !t.StartsWith("clock-", StringComparison.Ordinal) && t is not ("opened" or "acknowledged" or "assigned" or "responsibility-determined" or "escalated")));
    }

    [Fact]
    public async Task ExchangeShipFirst_ReplacementBeforeTheReturn_Resolved()
    {
        var id = await OpenAndRouteAsync(Complaint(requestedOutcome: RequestedOutcome.Exchange));
        var agent = Agent();
        await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ShipFirst));
        await Channel().ConfirmResolutionAsync(id, accepted: true, "Please send a new kettle; I will return the broken one.");

        // Ship-first: the merchant ships the replacement before the broken kettle comes back.
        var shipped = await Merchant().RecordReplacementShippedAsync(id, "YTO", "YT9876543210");
        Assert.Equal(TicketStatus.Executing, shipped.Status);
        Assert.True(shipped.Resolution!.Execution.ReplacementShipped);
        var notYet = await RefusedAsync(() => agent.ResolveAsync(id, "Exchanged."));
        Assert.Equal(HttpStatusCode.BadRequest, notYet.StatusCode);
        Assert.Contains("plan", notYet.Errors.Keys);

        await agent.AuthorizeReturnAsync(id, "Returns desk, 8 Warehouse Road, Tianjin", TimeSpan.FromDays(14));
        await Channel().RecordReturnShippedAsync(id, "SF Express", "SF5550001111");
        await Warehouse().RecordReturnReceivedAsync(id);
        await Warehouse().RecordWarehouseInspectionAsync(id, WarehouseOutcome.Pass, "Cracked lid confirmed.");
        var resolved = await agent.ResolveAsync(id, "Your new kettle is with you and the old one is back with us.");

        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        var events = await agent.GetEventsAsync(id);
        var replacement = Assert.Single(events, e => e.Type == "replacement-shipped");
        Assert.Equal(ActorRole.Merchant, replacement.Role);
        Assert.True(replacement.Sequence < Assert.Single(events, e => e.Type == "return-shipped").Sequence);
    }

    [Fact]
    public async Task Repair_CompletedByMerchant_Resolved()
    {
        var id = await OpenAndRouteAsync(Complaint("The kettle stopped working after a week.", requestedOutcome: RequestedOutcome.Repair));
        var agent = Agent();
        await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Repair, null, Note: "Technician visit."));
        await Channel().ConfirmResolutionAsync(id, accepted: true, "A technician visit is fine.");

        var notYet = await RefusedAsync(() => agent.ResolveAsync(id, "Repaired."));
        Assert.Equal(HttpStatusCode.BadRequest, notYet.StatusCode);
        var repaired = await Merchant().RecordRepairCompletedAsync(id, "Heating element replaced on site.");
        Assert.True(repaired.Resolution!.Execution.RepairCompleted);
        var resolved = await agent.ResolveAsync(id, "Your kettle was repaired on site.");

        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        Assert.Equal(ClockStatus.Running, resolved.Deadline(ClockKind.Survey)!.State);
        Assert.Equal(ClockStatus.Running, resolved.Deadline(ClockKind.AutoClose)!.State);
    }

    [Fact]
    public async Task PlanOverApprovalThreshold_WaitsForSupervisor_ThenConfirmedAndPaid()
    {
        var id = await OpenAndRouteAsync(Complaint(amount: 3000m));
        var agent = Agent();
        var proposed = await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Refund, new Money(1500m, "CNY")));
        Assert.Equal(TicketStatus.PendingApproval, proposed.Status);

        // Nobody else moves it on: the customer is not asked yet, and an agent may not approve.
        var early = await RefusedAsync(() => Channel().ConfirmResolutionAsync(id, accepted: true, "Yes."));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(TicketStatus.PendingApproval, early.TicketStatus);
        Assert.DoesNotContain(TicketCommands.CustomerConfirmation, early.AllowedCommands);
        var byAgent = await RefusedAsync(() => agent.ApproveResolutionAsync(id));
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);

        // A supervisor approves the version they read; a stale version is refused and changes nothing.
        var supervisor = Supervisor();
        var seen = await supervisor.GetTicketAsync(id);
        Assert.Contains(TicketCommands.ApproveResolution, seen.AllowedCommands);
        var stale = await RefusedAsync(() => supervisor.ApproveResolutionAsync(id, "ok", ifMatchVersion: seen.Version - 1));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(seen.Version, stale.CurrentVersion);
        var approved = await supervisor.ApproveResolutionAsync(id, "Half the price back for the trouble.", ifMatchVersion: seen.Version);
        Assert.Equal(TicketStatus.AwaitingConfirmation, approved.Status);
        Assert.True(approved.Resolution!.Approved);

        await Channel().ConfirmResolutionAsync(id, accepted: true, "I accept a refund of 1500 CNY.");
        await Finance().RecordRefundIssuedAsync(id, new Money(1500m, "CNY"), "RF-0002");
        var resolved = await agent.ResolveAsync(id, "1500 CNY refunded.");

        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        Assert.Equal(1500m, resolved.Resolution!.Refunded);
        var approval = Assert.Single(await agent.GetEventsAsync(id), e => e.Type == "plan-approved");
        Assert.Equal(("sam", ActorRole.Supervisor), (approval.Actor, approval.Role));
    }

    [Fact]
    public async Task DissatisfiedCustomer_Reopens_TicketBackInProgressAndEscalated()
    {
        var id = await OpenAndRouteAsync(Complaint("The courier was rude at delivery.", requestedOutcome: RequestedOutcome.Explanation, category: TicketCategory.ServiceAttitude));
        var agent = Agent();
        await agent.ProposeResolutionAsync(id, new ResolutionPlan(ResolutionKind.Apology, null));
        await Channel().ConfirmResolutionAsync(id, accepted: true, "An apology is fine.");
        await agent.ResolveAsync(id, "We apologised and spoke to the courier company.");

        var channel = Channel();
        var surveyed = await channel.RecordSatisfactionAsync(id, 1, "Nothing changed.");
        var reopened = await channel.ReopenAsync(id, "The same courier was rude again today.");

        Assert.Equal(TicketStatus.InProgress, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        // One level up from where it stood (none, unless a slow machine let the first response breach).
        Assert.Equal(Math.Min(surveyed.EscalationLevel!.Value + 1, 2), reopened.EscalationLevel);
        Assert.Null(reopened.Resolution);
        Assert.Equal(ClockStatus.Running, reopened.Deadline(ClockKind.Resolution)!.State);
        Assert.Equal(ClockStatus.Stopped, reopened.Deadline(ClockKind.AutoClose)!.State);
        var events = await agent.GetEventsAsync(id);
        var reopenedEvent = Assert.Single(events, e => e.Type == "reopened");
        Assert.Equal((CustomerId, ActorRole.Customer), (reopenedEvent.Actor, reopenedEvent.Role));
        var escalation = events.Last(e => e.Type == "escalated");
        Assert.Equal(EscalationReason.Reopened, escalation.Field<EscalationReason>("reason"));
        Assert.Contains(TicketCommands.ProposeResolution, (await agent.GetTicketAsync(id)).AllowedCommands);
    }
}
