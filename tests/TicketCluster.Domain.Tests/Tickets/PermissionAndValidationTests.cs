using System.Collections.Immutable;
using TicketCluster.Domain.Tickets;
using static TicketCluster.Domain.Tests.Tickets.TicketFixtures;
using K = TicketCluster.Domain.Tickets.TicketCommandKind;
using S = TicketCluster.Domain.Tickets.TicketStatus;

namespace TicketCluster.Domain.Tests.Tickets;

public sealed class PermissionAndValidationTests
{
    [Fact]
    public void Decide_MerchantAcknowledges_RejectedAsNotPermitted()
    {
        var driver = new TicketDriver().Opened();

        var rejection = Assert.IsType<ActorNotPermitted>(driver.MustFail(new AcknowledgeTicket("hi") { Actor = Merchant }));

        Assert.Equal(ActorRole.Merchant, rejection.Role);
        Assert.DoesNotContain(ActorRole.Merchant, rejection.Allowed);
    }

    [Fact]
    public void Decide_AgentApprovesPlan_RejectedAsNotPermitted()
    {
        var driver = new TicketDriver().To(S.PendingApproval);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(new ApprovePlan(null) { Actor = Agent }));
    }

    [Fact]
    public void Decide_AnotherCustomerConfirms_RejectedAsNotPermitted()
    {
        var driver = new TicketDriver().To(S.AwaitingConfirmation);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(new RecordCustomerConfirmation(true, "yes") { Actor = OtherCustomer }));
    }

    [Fact]
    public void Decide_AnotherMerchantResponds_RejectedAsNotPermitted()
    {
        var driver = new TicketDriver().To(S.AwaitingMerchant);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(new RecordMerchantResponse(MerchantPosition.Accept, "ok", []) { Actor = OtherMerchant }));
    }

    [Fact]
    public void Decide_CustomerSendsTick_RejectedAsNotPermitted()
    {
        var driver = new TicketDriver().Opened();
        var tick = driver.PendingTick(Sla.ClockKind.FirstResponse);

        Assert.IsType<ActorNotPermitted>(driver.MustFail(new DeadlineReached(tick.Clock, tick.Generation, tick.DueAt) { Actor = Customer }));
    }

    [Fact]
    public void Decide_CustomerOpensForSomeoneElse_RejectedAsNotPermitted()
    {
        var decision = new TicketDriver().Send(Open(actor: OtherCustomer));

        Assert.IsType<ActorNotPermitted>(decision.Rejection);
    }

    public static TheoryData<string, string> InvalidCommands() => new()
    {
        { "empty-reason", "reason" },
        { "score-zero", "score" },
        { "score-six", "score" },
        { "bad-hash", "evidence[0].sha256" },
        { "relative-url", "evidence[0].url" },
        { "empty-question", "question" },
        { "same-severity", "severity" },
        { "same-category", "category" },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public void Decide_InvalidContent_RejectedAsValidationNamingTheField(string scenario, string field)
    {
        var driver = scenario.StartsWith("score", StringComparison.Ordinal) ? new TicketDriver().To(S.Resolved) : new TicketDriver().InProgress();
        TicketCommand command = scenario switch
        {
            "empty-reason" => new DetermineResponsibility(ResponsibleParty.Merchant, " ") { Actor = Agent },
            "score-zero" => new RecordSatisfaction(0, null) { Actor = Customer },
            "score-six" => new RecordSatisfaction(6, null) { Actor = Customer },
            "bad-hash" => new AddEvidence([Photo with { Sha256 = "abc" }]) { Actor = Customer },
            "relative-url" => new AddEvidence([Photo with { Url = "/e/1.jpg" }]) { Actor = Customer },
            "empty-question" => new RequestInformation("") { Actor = Agent },
            "same-severity" => new ChangeSeverity(Severity.Normal, "no change") { Actor = Agent },
            "same-category" => new ChangeCategory(TicketCategory.ProductQuality, "no change") { Actor = Agent },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var rejection = Assert.IsType<ValidationFailed>(driver.MustFail(command));

        Assert.Equal(field, rejection.Field);
    }

    [Fact]
    public void Decide_OpenWithItemInOtherCurrency_RejectedAsValidation()
    {
        var order = Order with { Items = [new OrderItem("SKU-1", "Kettle", 1, new Money(40, "USD"))] };

        var decision = new TicketDriver().Send(Open() with { Order = order });

        Assert.Equal("order.items[0].unitPrice", Assert.IsType<ValidationFailed>(decision.Rejection).Field);
    }

    [Fact]
    public void Decide_OpenDeliveredBeforePurchase_RejectedAsValidation()
    {
        var order = Order with { DeliveredAt = Order.PurchasedAt.AddDays(-1) };

        var decision = new TicketDriver().Send(Open() with { Order = order });

        Assert.Equal("order.deliveredAt", Assert.IsType<ValidationFailed>(decision.Rejection).Field);
    }

    [Fact]
    public void Decide_EmptyEvidenceList_RejectedAsValidation()
    {
        var driver = new TicketDriver().Opened();

        Assert.IsType<ValidationFailed>(driver.MustFail(new AddEvidence(ImmutableArray<EvidenceItem>.Empty) { Actor = Customer }));
    }

    [Fact]
    public void Decide_ManualEscalation_RaisesLevelUpToManagerThenRejects()
    {
        var driver = new TicketDriver().InProgress();

        driver.Must(Sample(K.Escalate, driver.State));
        Assert.Equal(1, driver.Ticket.EscalationLevel);
        driver.Must(Sample(K.Escalate, driver.State));
        Assert.Equal(2, driver.Ticket.EscalationLevel);

        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Escalate, driver.State)));
    }

    [Fact]
    public void Decide_ReopenAfterWindow_RejectedAsValidation()
    {
        var driver = new TicketDriver().To(S.Closed);
        driver.Advance(driver.Policy.ReopenWindow + TimeSpan.FromMinutes(1));

        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Reopen, driver.State)));
    }

    [Fact]
    public void Decide_ReopenWithdrawnTicket_RejectedAsValidation()
    {
        var driver = new TicketDriver().Opened();
        driver.Must(Sample(K.Withdraw, driver.State));

        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Reopen, driver.State)));
    }

    [Fact]
    public void Decide_SecondSatisfaction_RejectedBecauseSurveyClosed()
    {
        var driver = new TicketDriver().To(S.Resolved);
        driver.Must(Sample(K.Satisfaction, driver.State));

        Assert.IsType<ValidationFailed>(driver.MustFail(Sample(K.Satisfaction, driver.State)));
    }

    [Fact]
    public void Decide_UnknownEnumNumber_RejectedAsValidation()
    {
        var driver = new TicketDriver().InProgress();

        var rejection = Assert.IsType<ValidationFailed>(driver.MustFail(new ProposeResolution(new ResolutionPlan((ResolutionKind)99, null)) { Actor = Agent }));

        Assert.Equal("plan.kind", rejection.Field);
    }

    [Fact]
    public void Decide_OpenWithoutOrderAmount_RejectedAsValidation()
    {
        var decision = new TicketDriver().Send(Open() with { Order = Order with { Amount = default } });

        Assert.Equal("order.amount", Assert.IsType<ValidationFailed>(decision.Rejection).Field);
    }

    [Fact]
    public void Decide_OpenFromJsonWithoutOptionalParts_StateStillSerializes()
    {
        const string json = """
            {"type":"open","ticketId":"T-9","channel":"Email","externalId":"mail-1",
             "customer":{"id":"c-1","name":"Bob","tier":"Regular"},
             "order":{"id":"O-9","merchantId":"shop-9","amount":{"amount":10,"currency":"CNY"},"purchasedAt":"2026-11-01T00:00:00Z"},
             "category":"Other","severity":"Normal","requestedOutcome":"Explanation","description":"Where is my invoice?",
             "actor":{"id":"gateway","role":"System"}}
            """;
        var command = System.Text.Json.JsonSerializer.Deserialize<TicketCommand>(json, System.Text.Json.JsonSerializerOptions.Web)!;

        var driver = new TicketDriver();
        driver.Must(command);

        Assert.Contains("\"Items\":[]", System.Text.Json.JsonSerializer.Serialize(driver.Ticket), StringComparison.Ordinal);
        Assert.Equal("", driver.Ticket.Customer.Phone);
        Assert.Equal(string.Empty, MerchantTicketView.From(driver.Ticket).Customer.City);
    }
}
