using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

/// <summary>Structured return instructions, and the replacement an exchange ships held to the original line.</summary>
public sealed class ExecutionFactsTests
{
    private static ResolutionPlan ShipFirst(ReplacementItem? replacement = null) =>
        new(ResolutionKind.Exchange, null, Exchange: ExchangeMode.ShipFirst) { Replacement = replacement };

    private static RecordReplacementShipped Shipped(string? sku, string? spec = null) =>
        new("SF Express", "SF999") { Actor = Merchant, Sku = sku, Spec = spec };

    [Fact]
    public void AuthorizeReturn_WithInstructions_RecordedForTheCustomer()
    {
        var driver = new TicketDriver();
        driver.Executing(ReturnAndRefundPlan());

        driver.Must(new AuthorizeReturn("Warehouse 3, Hangzhou", null)
        {
            Actor = Agent, Contact = "Returns desk, 0571-8888 0000", Packaging = "Original box, taped", Accessories = ["power base", "manual"],
        });

        var instructions = driver.Ticket.Execution.ReturnInstructions!;
        Assert.Equal(("Warehouse 3, Hangzhou", "Returns desk, 0571-8888 0000", "Original box, taped"), (instructions.Address, instructions.Contact, instructions.Packaging));
        Assert.Equal(new[] { "power base", "manual" }, instructions.Accessories.ToArray());
        Assert.Equal(instructions.Accessories.ToArray(), TicketState.Replay(driver.History).Execution.ReturnInstructions?.Accessories.ToArray());
    }

    [Fact]
    public void AuthorizeReturn_BlankOrTooManyAccessories_ValidationFailed()
    {
        var driver = new TicketDriver();
        driver.Executing(ReturnAndRefundPlan());

        var blank = Assert.IsType<ValidationFailed>(driver.MustFail(new AuthorizeReturn("W3", null) { Actor = Agent, Accessories = ["cable", " "] }));
        var many = Assert.IsType<ValidationFailed>(driver.MustFail(new AuthorizeReturn("W3", null) { Actor = Agent, Accessories = [.. Enumerable.Repeat("x", ReturnInstructions.MaxAccessories + 1)] }));

        Assert.Equal("accessories[1]", blank.Field);
        Assert.Equal("accessories", many.Field);
    }

    [Fact]
    public void ReplacementShipped_SameSkuAsTheOriginalLine_Recorded()
    {
        var driver = new TicketDriver();
        driver.Executing(ShipFirst());

        driver.Must(Shipped("SKU-1"));

        var shipped = Assert.IsType<ReplacementShipped>(driver.LastEvents[0]);
        Assert.Equal("SKU-1", shipped.Sku);
        Assert.True(driver.Ticket.Execution.ReplacementShipped);
    }

    [Fact]
    public void ReplacementShipped_AnotherSkuWithoutAnApprovedPlan_RuleViolatedReplacementMismatch()
    {
        var driver = new TicketDriver();
        driver.Executing(ShipFirst());

        var refused = Assert.IsType<RuleViolated>(driver.MustFail(Shipped("SKU-2")));

        Assert.Equal(("sku", "replacement-mismatch"), (refused.Field, refused.Rule));
        Assert.False(driver.Ticket.Execution.ReplacementShipped);
    }

    [Fact]
    public void ReplacementShipped_SpecDiffersFromTheOriginalLine_RuleViolated()
    {
        var driver = new TicketDriver();
        driver.Must(Open() with { Order = Order with { Items = [new OrderItem("SKU-1", "Kettle", 1, Cny(300)) { Spec = "white" }] } });
        driver.Must(new AcknowledgeTicket("On it.") { Actor = Agent });
        driver.Must(new AssignTicket(Department.ProductQuality, "a-1") { Actor = Supervisor });
        driver.Must(new ProposeResolution(ShipFirst()) { Actor = Agent });
        driver.Must(new RecordCustomerConfirmation(true, "Yes.") { Actor = Customer });

        Assert.Equal("replacement-mismatch", Assert.IsType<RuleViolated>(driver.MustFail(Shipped("SKU-1", "black"))).Rule);
        driver.Must(Shipped("SKU-1", "white"));
    }

    [Fact]
    public void ProposeResolution_ReplacementOtherThanTheOriginal_NeedsApprovalThenShipsIt()
    {
        var driver = new TicketDriver().InProgress();

        driver.Must(new ProposeResolution(ShipFirst(new ReplacementItem("SKU-2", "black"))) { Actor = Agent });

        var proposed = Assert.IsType<ResolutionProposed>(driver.LastEvents[0]);
        Assert.True(proposed.RequiresApproval);
        Assert.True(proposed.ReplacementDiffers);
        Assert.Equal(S.PendingApproval, driver.Ticket.Status);
        driver.Must(new ApprovePlan("Same price, the white is sold out.") { Actor = Supervisor });
        driver.Must(new RecordCustomerConfirmation(true, "Black is fine.") { Actor = Customer });
        Assert.Equal("replacement-mismatch", Assert.IsType<RuleViolated>(driver.MustFail(Shipped("SKU-1"))).Rule);
        driver.Must(Shipped("SKU-2", "black"));
    }

    [Fact]
    public void ProposeResolution_ReplacementSameAsTheOriginal_NoApprovalNeeded()
    {
        var driver = new TicketDriver().InProgress();

        driver.Must(new ProposeResolution(ShipFirst(new ReplacementItem("SKU-1", null))) { Actor = Agent });

        Assert.False(Assert.IsType<ResolutionProposed>(driver.LastEvents[0]).ReplacementDiffers);
        Assert.Equal(S.AwaitingConfirmation, driver.Ticket.Status);
    }

    [Fact]
    public void ProposeResolution_ReplacementOnARefund_ValidationFailed()
    {
        var driver = new TicketDriver().InProgress();

        var refused = Assert.IsType<ValidationFailed>(driver.MustFail(new ProposeResolution(RefundPlan() with { Replacement = new ReplacementItem("SKU-2", null) }) { Actor = Agent }));

        Assert.Equal("plan.replacement", refused.Field);
    }
}
