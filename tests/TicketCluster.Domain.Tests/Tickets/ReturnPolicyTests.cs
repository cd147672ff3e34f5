using TicketCluster.Domain.Sla;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Return rules per marketplace: an in-policy return needs no supervisor, an out-of-policy one does.</summary>
public sealed class ReturnPolicyTests
{
    // Bought 30 days before the ticket opened, delivered deliveredAgo (3 days by default) before it.
    private static TicketDriver InProgressOn(string marketplace, TicketCategory category = TicketCategory.ProductQuality, TimeSpan? deliveredAgo = null)
    {
        var driver = new TicketDriver();
        driver.Must(Open() with
        {
            Category = category,
            Order = Order with { Marketplace = marketplace, PurchasedAt = Start.AddDays(-30), DeliveredAt = Start - (deliveredAgo ?? TimeSpan.FromDays(3)), Amount = Cny(3000) },
        });
        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });
        driver.Must(new AssignTicket(Department.ProductQuality, "a-1") { Actor = Supervisor });
        return driver;
    }

    private static ResolutionProposed Propose(TicketDriver driver, ResolutionPlan plan) =>
        Assert.IsType<ResolutionProposed>(driver.Must(new ProposeResolution(plan) { Actor = Agent })[0]);

    [Fact]
    public void Propose_ReturnWithinChinasSevenDays_NoApprovalEvenAboveTheThreshold()
    {
        var driver = InProgressOn("cn", TicketCategory.ReturnPolicy);

        var proposed = Propose(driver, ReturnAndRefundPlan(2500));

        Assert.False(proposed.RequiresApproval);
        Assert.Equal(new PolicyAssessment("cn", "no-reason-return", Start - TimeSpan.FromDays(3) + TimeSpan.FromDays(7), true), proposed.Policy);
        Assert.Equal(S.AwaitingConfirmation, driver.Ticket.Status);
    }

    [Fact]
    public void Propose_ReturnAfterChinasSevenDays_OutOfPolicyNeedsASupervisor()
    {
        var driver = InProgressOn("cn", TicketCategory.ReturnPolicy, TimeSpan.FromDays(8));

        var proposed = Propose(driver, ReturnAndRefundPlan(100));

        Assert.True(proposed.RequiresApproval);
        Assert.False(proposed.Policy?.InPolicy);
        Assert.Equal(S.PendingApproval, driver.Ticket.Status);
    }

    [Fact]
    public void Propose_ExchangeOfADefectOnDayTwelveInChina_StatutoryReplacement()
    {
        var driver = InProgressOn("cn", deliveredAgo: TimeSpan.FromDays(12));

        var proposed = Propose(driver, new ResolutionPlan(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ReturnFirst));

        Assert.Equal(("statutory-replace", true), (proposed.Policy?.Rule, proposed.Policy?.InPolicy));
        Assert.False(proposed.RequiresApproval);
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(15, false)]
    public void Propose_ReturnInTheEu_FourteenDayWithdrawal(int daysSinceDelivery, bool inPolicy)
    {
        var driver = InProgressOn("eu", TicketCategory.ReturnPolicy, TimeSpan.FromDays(daysSinceDelivery));

        var proposed = Propose(driver, ReturnAndRefundPlan(100));

        Assert.Equal(inPolicy, proposed.Policy?.InPolicy);
        Assert.Equal(!inPolicy, proposed.RequiresApproval);
    }

    [Fact]
    public void Propose_CompensationOnAMarketplace_StillNeedsApproval()
    {
        var driver = InProgressOn("cn");

        var proposed = Propose(driver, CompensationPlan(10));

        Assert.True(proposed.RequiresApproval);
        Assert.Null(proposed.Policy);
    }

    [Fact]
    public void Open_UnknownMarketplace_ValidationFailed()
    {
        var rejection = Assert.IsType<ValidationFailed>(new TicketDriver().MustFail(Open() with { Order = Order with { Marketplace = "mars" } }));

        Assert.Equal("order.marketplace", rejection.Field);
    }

    [Fact]
    public void Validate_NonPositiveWindow_Named()
    {
        var policy = TicketPolicy.Default with
        {
            ReturnPolicies = TicketPolicy.Default.ReturnPolicies.SetItem("cn", ReturnPolicy.MainlandChina with { NoReasonReturn = TimeSpan.Zero }),
        };

        Assert.Contains(policy.Validate(), e => e.Contains("ReturnPolicies:cn:NoReasonReturn", StringComparison.Ordinal));
    }
}
