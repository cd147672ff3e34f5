using TicketCluster.LoadGen.Mix;

namespace TicketCluster.LoadGen.Tests.Mix;

public sealed class WeightedSamplerTests
{
    private static WeightedSampler<string> Sampler() => new([new("a", 1), new("b", 0), new("c", 3)]);

    [Theory]
    [InlineData(0.0, "a")]
    [InlineData(0.2499, "a")]
    [InlineData(0.25, "c")]
    [InlineData(0.9999, "c")]
    public void Pick_Uniform_ValueWhoseShareHoldsIt(double uniform, string expected)
    {
        Assert.Equal(expected, Sampler().Pick(uniform));
    }

    [Fact]
    public void Values_ZeroWeight_NeverPickable()
    {
        Assert.Equal(["a", "c"], Sampler().Values);
    }

    [Fact]
    public void Pick_SeededRandom_SameSequenceForTheSameSeed()
    {
        var (first, second) = (new Random(42), new Random(42));

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => Sampler().Pick(first)), Enumerable.Range(0, 50).Select(_ => Sampler().Pick(second)));
    }

    [Fact]
    public void Constructor_NegativeOrAllZeroWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => new WeightedSampler<string>([new("a", -1)]));
        Assert.Throws<ArgumentException>(() => new WeightedSampler<string>([new("a", 0), new("b", 0)]));
    }

    [Fact]
    public void Pick_OutsideTheUnitInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler().Pick(1.0));
    }
}
