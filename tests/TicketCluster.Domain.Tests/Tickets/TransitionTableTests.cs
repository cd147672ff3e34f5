using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class TransitionTableTests
{
    public static TheoryData<S> Statuses() => [.. Enum.GetValues<S>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Decide_CommandOutsideTable_RejectedWithStatusCommandAndAllowedList(S status)
    {
        var allowed = TransitionTable.AllowedIn(status);
        foreach (var kind in AllKinds.Where(k => !allowed.Contains(k)))
        {
            var driver = new TicketDriver().To(status);
            Assert.Equal(status, driver.Ticket.Status);

            var rejection = Assert.IsType<CommandNotAllowed>(driver.MustFail(Sample(kind, driver.State)));

            Assert.Equal(status, rejection.Status);
            Assert.Equal(kind, rejection.Command);
            Assert.Equal(allowed.AsEnumerable(), rejection.Allowed.AsEnumerable());
            Assert.Contains(kind.ToString(), rejection.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Decide_CommandInTable_NeverRejectedAsNotAllowed(S status)
    {
        foreach (var kind in TransitionTable.AllowedIn(status))
        {
            var driver = new TicketDriver().To(status);
            var decision = driver.Send(Sample(kind, driver.State));
            Assert.IsNotType<CommandNotAllowed>(decision.Rejection);
        }
    }

    [Fact]
    public void AllowedIn_EveryStatus_AcceptsDeadlineTicks()
    {
        Assert.All(Enum.GetValues<S>(), s => Assert.True(TransitionTable.Allows(s, K.DeadlineReached)));
    }

    [Fact]
    public void AllowedIn_Archived_AcceptsOnlyDeadlineTicks()
    {
        Assert.Equal([K.DeadlineReached], TransitionTable.AllowedIn(S.Archived).AsEnumerable());
    }

    [Theory]
    [InlineData(S.Open, K.Acknowledge, S.Acknowledged)]
    [InlineData(S.Acknowledged, K.Assign, S.InProgress)]
    [InlineData(S.InProgress, K.Assign, S.InProgress)]
    [InlineData(S.InProgress, K.RequestInformation, S.AwaitingCustomer)]
    [InlineData(S.AwaitingCustomer, K.CustomerReply, S.InProgress)]
    [InlineData(S.InProgress, K.RequestMerchantResponse, S.AwaitingMerchant)]
    [InlineData(S.AwaitingMerchant, K.MerchantResponse, S.InProgress)]
    [InlineData(S.InProgress, K.StartInvestigation, S.UnderInvestigation)]
    [InlineData(S.UnderInvestigation, K.InspectionResult, S.InProgress)]
    [InlineData(S.InProgress, K.DetermineResponsibility, S.InProgress)]
    [InlineData(S.InProgress, K.ProposeResolution, S.AwaitingConfirmation)]
    [InlineData(S.PendingApproval, K.ApprovePlan, S.AwaitingConfirmation)]
    [InlineData(S.PendingApproval, K.RejectPlan, S.InProgress)]
    [InlineData(S.AwaitingConfirmation, K.CustomerConfirmation, S.Executing)]
    [InlineData(S.Executing, K.AuthorizeReturn, S.AwaitingReturn)]
    [InlineData(S.AwaitingReturn, K.ReturnShipped, S.ReturnInTransit)]
    [InlineData(S.ReturnInTransit, K.ReturnReceived, S.ReturnReceived)]
    [InlineData(S.ReturnReceived, K.WarehouseInspection, S.Executing)]
    [InlineData(S.Resolved, K.Satisfaction, S.Resolved)]
    [InlineData(S.Resolved, K.Reopen, S.InProgress)]
    [InlineData(S.Resolved, K.Close, S.Closed)]
    [InlineData(S.Closed, K.Reopen, S.InProgress)]
    [InlineData(S.Closed, K.Archive, S.Archived)]
    [InlineData(S.Open, K.Withdraw, S.Closed)]
    [InlineData(S.AwaitingReturn, K.Withdraw, S.Closed)]
    [InlineData(S.Open, K.AddEvidence, S.Open)]
    [InlineData(S.AwaitingMerchant, K.AddContact, S.AwaitingMerchant)]
    [InlineData(S.Executing, K.ChangeSeverity, S.Executing)]
    [InlineData(S.AwaitingCustomer, K.ChangeCategory, S.AwaitingCustomer)]
    [InlineData(S.InProgress, K.Escalate, S.InProgress)]
    public void Decide_AllowedCommand_MovesToExpectedStatus(S from, K command, S expected)
    {
        var driver = new TicketDriver().To(from);

        var events = driver.Must(Sample(command, driver.State));

        Assert.NotEmpty(events);
        Assert.Equal(expected, driver.Ticket.Status);
    }

    [Fact]
    public void Decide_NoTicketAndNotOpen_RejectedAsNotFound()
    {
        var decision = TicketDecider.Decide(null, Sample(K.Acknowledge, null), new DecisionContext(Start, Sla.TicketPolicy.Default));

        Assert.Equal(new TicketNotFound(K.Acknowledge), decision.Rejection);
    }

    [Fact]
    public void Decide_OpenOnExistingTicket_RejectedAsNotAllowed()
    {
        var driver = new TicketDriver().Opened();

        var rejection = Assert.IsType<CommandNotAllowed>(driver.MustFail(Open()));

        Assert.Equal(K.Open, rejection.Command);
        Assert.Equal(S.Open, rejection.Status);
    }

    [Fact]
    public void Decide_Open_RecordsIntakeAndStartsFirstResponseAndResolutionClocks()
    {
        var driver = new TicketDriver();

        var events = driver.Must(Open(Severity.Serious));

        Assert.IsType<TicketOpened>(events[0]);
        Assert.Equal(S.Open, driver.Ticket.Status);
        Assert.Equal(TicketId, driver.Ticket.TicketId);
        Assert.Equal(Order, driver.Ticket.Order);
        Assert.Single(driver.Ticket.Contacts);
        Assert.Equal(TimeSpan.FromHours(4), driver.Ticket.Clock(Sla.ClockKind.FirstResponse)!.Window);
        Assert.Equal(TimeSpan.FromHours(72), driver.Ticket.Clock(Sla.ClockKind.Resolution)!.Window);
    }

    [Fact]
    public void Decide_WarehouseInspectionFails_PlanVoidedAndBackToInProgress()
    {
        var driver = new TicketDriver().To(S.ReturnReceived);

        driver.Must(new RecordWarehouseInspection(WarehouseOutcome.DamagedByCustomer, "Dropped; dented base.") { Actor = Agent });

        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Null(driver.Ticket.Plan);
    }

    [Fact]
    public void Decide_CustomerRefusesPlan_PlanVoidedAndBackToInProgress()
    {
        var driver = new TicketDriver().To(S.AwaitingConfirmation);

        driver.Must(new RecordCustomerConfirmation(false, "Not enough.") { Actor = Customer });

        Assert.Equal(S.InProgress, driver.Ticket.Status);
        Assert.Null(driver.Ticket.Plan);
    }

    [Fact]
    public void Decide_ContactDeliveredTwice_MergedOnce()
    {
        var driver = new TicketDriver().Opened();
        driver.Must(Sample(K.AddContact, driver.State));

        var again = driver.Must(Sample(K.AddContact, driver.State));

        Assert.Empty(again);
        Assert.Equal(2, driver.Ticket.Contacts.Length);
    }

    [Fact]
    public void Decide_EveryEvent_CarriesActorTimeAndConsecutiveSequence()
    {
        var driver = new TicketDriver().To(S.Archived);

        Assert.Equal(Enumerable.Range(1, driver.History.Count).Select(i => (long)i), driver.History.Select(e => e.Sequence));
        Assert.All(driver.History, e =>
        {
            Assert.Equal(TicketId, e.TicketId);
            Assert.False(string.IsNullOrEmpty(e.Actor.Id));
            Assert.NotEqual(default, e.At);
            Assert.Equal($"{TicketId}:{e.Sequence}", e.EventId);
        });
    }
}
