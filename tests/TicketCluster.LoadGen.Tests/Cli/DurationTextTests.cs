using TicketCluster.LoadGen.Cli;

namespace TicketCluster.LoadGen.Tests.Cli;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:02:00", 120_000)]
    public void Parse_Forms_Milliseconds(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    public void Parse_NotADuration_Throws(string text)
    {
        Assert.Throws<FormatException>(() => DurationText.Parse(text));
    }
}
