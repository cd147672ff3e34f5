using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Admission;
using TicketCluster.Silo.Api.Contracts;

namespace TicketCluster.Silo.Tests.Admission;

public sealed class IntakeSeverityEstimateTests
{
    [Fact]
    public void Of_ExplicitSeverity_WinsOverTheWords() =>
        Assert.Equal(Severity.Normal, IntakeSeverityEstimate.Of(Body("The charger caught fire.", Severity.Normal), TicketClassifier.Default));

    [Fact]
    public void Of_SafetyWordWithoutSeverity_IsUrgent() =>
        Assert.Equal(Severity.Urgent, IntakeSeverityEstimate.Of(Body("The charger caught fire."), TicketClassifier.Default));

    [Fact]
    public void Of_VipCustomer_IsAtLeastSerious() =>
        Assert.Equal(Severity.Serious, IntakeSeverityEstimate.Of(Body("The lid is cracked.") with { Customer = new CustomerBody { Tier = CustomerTier.Vip } }, TicketClassifier.Default));

    [Fact]
    public void Of_PlainComplaint_IsNormal() =>
        Assert.Equal(Severity.Normal, IntakeSeverityEstimate.Of(Body("The lid is cracked."), TicketClassifier.Default));

    [Fact]
    public void Of_MalformedCurrency_IsEstimatedWithoutTheAmount() =>
        Assert.Equal(Severity.Normal, IntakeSeverityEstimate.Of(Body("The lid is cracked.") with { Order = new OrderBody { Amount = 1_000_000m, Currency = "yuan" } }, TicketClassifier.Default));

    private static IntakeBody Body(string description, Severity? severity = null) =>
        new() { Description = description, Severity = severity, Channel = Channel.WebForm };
}
