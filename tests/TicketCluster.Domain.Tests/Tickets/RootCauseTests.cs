using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>The root cause and corrective action staff record when they resolve a ticket.</summary>
public sealed class RootCauseTests
{
    private static TicketDriver ReadyToResolve()
    {
        var driver = new TicketDriver();
        driver.Executing(ApologyPlan());
        return driver;
    }

    [Fact]
    public void Resolve_WithRootCauseAndCorrectiveAction_RecordedOnEventAndTicket()
    {
        var driver = ReadyToResolve();

        driver.Must(new ResolveTicket("Apologised.") { Actor = Agent, RootCause = RootCause.PackagingOrTransitDamage, CorrectiveAction = "Double-box kettles from now on." });

        var resolved = Assert.IsType<TicketResolved>(driver.LastEvents[0]);
        Assert.Equal((RootCause.PackagingOrTransitDamage, "Double-box kettles from now on."), (resolved.RootCause, resolved.CorrectiveAction));
        Assert.Equal(RootCause.PackagingOrTransitDamage, driver.Ticket.RootCause);
        Assert.Equal(RootCause.PackagingOrTransitDamage, TicketState.Replay(driver.History).RootCause);
    }

    [Fact]
    public void Resolve_CorrectiveActionWithoutRootCause_ValidationFailed()
    {
        var driver = ReadyToResolve();

        var refused = Assert.IsType<ValidationFailed>(driver.MustFail(new ResolveTicket("Apologised.") { Actor = Agent, CorrectiveAction = "Train the packers." }));

        Assert.Equal("correctiveAction", refused.Field);
        Assert.Equal(S.Executing, driver.Ticket.Status);
    }

    [Fact]
    public void Resolve_UnknownRootCauseNumber_ValidationFailed()
    {
        var driver = ReadyToResolve();

        Assert.Equal("rootCause", Assert.IsType<ValidationFailed>(driver.MustFail(new ResolveTicket("x") { Actor = Agent, RootCause = (RootCause)99 })).Field);
    }

    [Fact]
    public void Reopen_AfterResolutionWithRootCause_RootCauseCleared()
    {
        var driver = ReadyToResolve();
        driver.Must(new ResolveTicket("Apologised.") { Actor = Agent, RootCause = RootCause.MerchantService });

        driver.Must(new ReopenTicket("Still broken.") { Actor = Customer });

        Assert.Null(driver.Ticket.RootCause);
        Assert.Null(driver.Ticket.CorrectiveAction);
    }
}
