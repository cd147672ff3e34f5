using TicketCluster.Domain.Classification;

namespace TicketCluster.Domain.Tests.Classification;

public sealed class ClassificationJsonTests
{
    [Fact]
    public void Input_RoundTrip_Equal()
    {
        var input = new ClassificationInput("充电宝起火了", TicketCategory.ProductQuality, Severity.Urgent, CustomerTier.Vip, new Money(12.5m, "CNY"), 2, true);

        Assert.Equal(input, JsonRoundTrip.AssertRoundTrips(input));
    }

    [Fact]
    public void Input_WithoutOptionalFields_RoundTripEqual()
    {
        var input = TicketClassifierTableTests.Input("hello");

        Assert.Equal(input, JsonRoundTrip.AssertRoundTrips(input));
    }

    [Fact]
    public void Result_RoundTrip_KeepsCategorySeverityAndReasons()
    {
        var result = TicketClassifier.Default.Classify(
            TicketClassifierTableTests.Input("快递丢件，我要找记者") with { OrderAmount = new Money(9000m, "CNY") });

        var copy = JsonRoundTrip.AssertRoundTrips(result);

        Assert.Equal(result.Category, copy.Category);
        Assert.Equal(result.Severity, copy.Severity);
        Assert.Equal(result.Reasons, copy.Reasons);
    }

    [Fact]
    public void Rules_RoundTrip_ClassifyTheSame()
    {
        var copy = JsonRoundTrip.AssertRoundTrips(ClassificationRules.Default);
        var input = TicketClassifierTableTests.Input("The parcel came broken, I was injured") with { OrderAmount = new Money(800m, "USD") };

        var expected = TicketClassifier.Default.Classify(input);
        var actual = new TicketClassifier(copy).Classify(input);

        Assert.Equal(expected.Reasons, actual.Reasons);
        Assert.Equal(ClassificationRules.Default.RepeatWindow, copy.RepeatWindow);
    }
}
